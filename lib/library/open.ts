/** The library the configuration asks for: PostgreSQL when DATABASE_URL is set, else SQLite in the data folder. */
import type { LibraryRepository } from './repository';
import { openPostgresLibrary } from './postgres';
import { openSqliteLibrary } from './sqlite';

export interface LibrarySettings {
  dataDir: string;
  databaseUrl: string | null;
}

export function openLibrary(settings: LibrarySettings): Promise<LibraryRepository> {
  return settings.databaseUrl ? openPostgresLibrary(settings.databaseUrl) : openSqliteLibrary(settings.dataDir);
}
