/**
 * The embedded store: one SQLite file in the data folder. WAL lets readers run beside
 * the writer; synchronous=FULL makes every answered save durable even through a power
 * cut, not only through a killed process; foreign keys make versions go with their form.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyRepository } from './kysely-repository';
import { migrateToLatest } from './migrations';
import type { LibraryDatabase } from './schema';

export const SQLITE_FILE = 'library.sqlite';

export interface SqliteLibrary extends KyselyRepository {
  /** PRAGMA integrity_check's answer: ["ok"] when the file is sound */
  integrityCheck(): string[];
}

export async function openSqliteLibrary(dataDir: string): Promise<SqliteLibrary> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<LibraryDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const repo = new KyselyRepository(db, 'sqlite') as SqliteLibrary;
  repo.integrityCheck = () => (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  return repo;
}
