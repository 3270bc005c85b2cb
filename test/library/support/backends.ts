/** The two real backends the repository tests run against, each fresh per test file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgresLibrary } from '@/lib/library/postgres';
import type { LibraryRepository } from '@/lib/library/repository';
import { openSqliteLibrary } from '@/lib/library/sqlite';
import { postgresRequired, startPostgres, type TestPostgres } from './postgres';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** false only for PostgreSQL without binaries outside CI */
  available: boolean;
  setup(): Promise<void>;
  open(): Promise<LibraryRepository>;
  teardown(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    available: true,
    async setup() {},
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-lib-'));
      dirs.push(dir);
      return openSqliteLibrary(dir);
    },
    async teardown() {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  let server: TestPostgres | null = null;
  return {
    name: 'postgres',
    available: postgresRequired(),
    async setup() {
      server = await startPostgres();
    },
    async open() {
      return openPostgresLibrary(await server!.newDatabase());
    },
    async teardown() {
      await server?.stop();
    },
  };
}

export const BACKENDS = [sqliteBackend, postgresBackend];
