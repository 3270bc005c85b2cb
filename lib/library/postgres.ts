/**
 * The shared store: PostgreSQL at DATABASE_URL, for several service replicas over one
 * library. The same migrations and the same repository as SQLite.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyRepository } from './kysely-repository';
import { migrateToLatest } from './migrations';
import type { LibraryDatabase } from './schema';

export async function openPostgresLibrary(url: string, poolSize = 10): Promise<KyselyRepository> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, statement_timeout: 30_000, connectionTimeoutMillis: 10_000 });
  // an idle client losing its server must not become an uncaught error that ends the process
  pool.on('error', () => undefined);
  const db = new Kysely<LibraryDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, 'postgres');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new KyselyRepository(db, 'postgres');
}
