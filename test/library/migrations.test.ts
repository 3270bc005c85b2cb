/**
 * 0003 (soft delete) on a library written before it, on SQLite and PostgreSQL: every form
 * and version is still there, an id once used is never handed out again, the name rule
 * still holds among live forms and a deleted form's name is free; deleted forms' versions
 * stay until the purge, which takes them with the form.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryError } from '@/lib/library/errors';
import { migrationsFor } from '@/lib/library/migrations';
import { openPostgresLibrary } from '@/lib/library/postgres';
import type { LibraryRepository } from '@/lib/library/repository';
import type { Dialect, LibraryDatabase } from '@/lib/library/schema';
import { openSqliteLibrary } from '@/lib/library/sqlite';
import { postgresRequired, startPostgres, type TestPostgres } from './support/postgres';

interface OldLibrary {
  /** a Kysely on the raw database (no repository) */
  db: Kysely<LibraryDatabase>;
  /** the repository over the same database, every migration applied */
  open(): Promise<LibraryRepository>;
}

async function migrateTo(db: Kysely<LibraryDatabase>, dialect: Dialect, target: string): Promise<void> {
  const migrations = migrationsFor(dialect);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'library_migrations',
    migrationLockTableName: 'library_migrations_lock',
  });
  const { error } = await migrator.migrateTo(target);
  if (error) throw error;
}

/** two forms (one with three versions and a variable set) and a third hard-deleted, as 0002 left them */
async function fillBefore0003(db: Kysely<LibraryDatabase>): Promise<void> {
  const at = '2024-01-01T00:00:00.000Z';
  const bytes = (s: string) => Buffer.from(s, 'latin1');
  const form = (name: string, head: number) => ({ name, folder: 'old', tags: '["t"]', is_favorite: 0, head, size: 2, created_at: at, updated_at: at });
  await db
    .insertInto('forms')
    .values([form('kept', 3), form('other', 1), form('hard-deleted', 1)])
    .execute();
  await db
    .insertInto('form_versions')
    .values([
      { form_id: 1, version: 1, source: bytes('v1'), size: 2, message: 'first', created_at: at },
      { form_id: 1, version: 2, source: bytes('v2'), size: 2, message: null, created_at: at },
      { form_id: 1, version: 3, source: bytes('\xff\x00'), size: 2, message: null, created_at: at },
      { form_id: 2, version: 1, source: bytes('o1'), size: 2, message: null, created_at: at },
      { form_id: 3, version: 1, source: bytes('h1'), size: 2, message: null, created_at: at },
    ])
    .execute();
  await db.insertInto('variable_sets').values({ form_id: 1, name: 'set', variables: '{"A":"a"}', updated_at: at }).execute();
  await db.deleteFrom('forms').where('id', '=', 3).execute();
}

async function refused(p: Promise<unknown>, kind: LibraryError['kind']): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LibraryError);
  expect((err as LibraryError).kind).toBe(kind);
}

const SETUPS: { name: Dialect; available: boolean; make(): Promise<OldLibrary & { close(): Promise<void> }> }[] = [];
const dirs: string[] = [];
let server: TestPostgres | null = null;

SETUPS.push({
  name: 'sqlite',
  available: true,
  async make() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-migrate-'));
    dirs.push(dir);
    const raw = new Database(path.join(dir, 'library.sqlite'));
    raw.pragma('foreign_keys = ON');
    const db = new Kysely<LibraryDatabase>({ dialect: new SqliteDialect({ database: raw }) });
    return { db, open: () => openSqliteLibrary(dir), close: () => db.destroy() };
  },
});
SETUPS.push({
  name: 'postgres',
  available: postgresRequired(),
  async make() {
    server ??= await startPostgres();
    const url = await server.newDatabase();
    const db = new Kysely<LibraryDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
    return { db, open: () => openPostgresLibrary(url, 2), close: () => db.destroy() };
  },
});

afterAll(async () => {
  await server?.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

for (const setup of SETUPS) {
  describe.skipIf(!setup.available)(`migration 0003 (soft delete) on ${setup.name}`, () => {
    let old: OldLibrary & { close(): Promise<void> };
    let repo: LibraryRepository;
    beforeAll(async () => {
      old = await setup.make();
      await migrateTo(old.db, setup.name, '0002-variable-sets');
      await fillBefore0003(old.db);
      repo = await old.open();
    });
    afterAll(async () => {
      await repo?.close();
      await old?.close();
    });

    it('keeps every form, version and variable set', async () => {
      const kept = await repo.get(1);
      expect(kept).toMatchObject({ name: 'kept', folder: 'old', tags: ['t'], version: 3, content: '\xff\x00' });
      expect((await repo.versions(1)).map((v) => [v.version, v.message])).toEqual([
        [3, null],
        [2, null],
        [1, 'first'],
      ]);
      expect((await repo.version(1, 2)).content).toBe('v2');
      expect((await repo.variableSets(1)).map((s) => s.name)).toEqual(['set']);
      expect((await repo.list({ folder: 'old' })).files.map((f) => f.name).sort()).toEqual(['kept', 'other']);
    });

    it('never hands out an id a form had before, even one deleted before the upgrade', async () => {
      const fresh = await repo.create({ name: 'fresh', folder: 'old', content: 'f' });
      expect(fresh.id).toBeGreaterThan(3);
    });

    it('keeps the name rule among live forms and frees a deleted form’s name', async () => {
      await refused(repo.create({ name: 'kept', folder: 'old', content: 'x' }), 'name-taken');
      await repo.delete(2);
      const again = await repo.create({ name: 'other', folder: 'old', content: 'o2' });
      expect(again.id).not.toBe(2);
      await refused(repo.undelete(2), 'name-taken');
    });

    it('keeps a deleted form’s versions until the purge, which takes them and its variable sets', async () => {
      await repo.delete(1);
      const versions = () => old.db.selectFrom('form_versions').select('version').where('form_id', '=', 1).execute();
      const sets = () => old.db.selectFrom('variable_sets').select('name').where('form_id', '=', 1).execute();
      expect(await versions()).toHaveLength(3);
      expect(await repo.purgeDeleted(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
      expect(await versions()).toHaveLength(0);
      expect(await sets()).toHaveLength(0);
    });

    it('lists through the live-forms index', async () => {
      if (setup.name !== 'sqlite') return;
      const plan = await sql<{
        detail: string;
      }>`EXPLAIN QUERY PLAN SELECT id FROM forms WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 50`.execute(old.db);
      expect(plan.rows.map((r) => r.detail).join('; ')).toContain('forms_live_updated_at');
    });
  });
}
