/** The library the configuration asks for: PostgreSQL when DATABASE_URL is set, else SQLite in the data folder. */
import type { LibraryRepository } from './repository';
import { openSqliteLibrary } from './sqlite';

export interface LibrarySettings {
  dataDir: string;
  databaseUrl: string | null;
}

export async function openLibrary(settings: LibrarySettings): Promise<LibraryRepository> {
  if (!settings.databaseUrl) return openSqliteLibrary(settings.dataDir);
  // loaded only when asked for: the PostgreSQL driver is ~1 MB of heap in a server that uses SQLite
  const { openPostgresLibrary } = await import('./postgres');
  return openPostgresLibrary(settings.databaseUrl);
}
