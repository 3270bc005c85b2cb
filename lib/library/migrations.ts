/**
 * The library's schema as ordered migrations, one list for both databases. Column types
 * differ only where the engines do (an auto-increment key, BLOB vs BYTEA); Kysely's
 * Migrator records what ran and holds a lock, so several replicas starting at once on
 * one PostgreSQL apply each migration exactly once.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './schema';

/** the indexes over live forms (deleted_at IS NULL) that 0003 makes: the name rule and the listings */
async function createLiveIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('forms_live_folder_name').on('forms').columns(['folder', 'name']).unique().where(sql.ref('deleted_at'), 'is', null).execute();
  await db.schema.createIndex('forms_live_updated_at').on('forms').columns(['updated_at', 'id']).where(sql.ref('deleted_at'), 'is', null).execute();
  await db.schema
    .createIndex('forms_live_folder_updated_at')
    .on('forms')
    .columns(['folder', 'updated_at', 'id'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  await db.schema.createIndex('forms_deleted_at').on('forms').column('deleted_at').where(sql.ref('deleted_at'), 'is not', null).execute();
}

/**
 * SQLite cannot drop a UNIQUE table constraint, so 0003 rebuilds `forms` (SQLite's
 * documented 12-step way): foreign keys off, or dropping the old table would cascade to
 * every version; the copy keeps every id and the AUTOINCREMENT high-water mark, so an id
 * once handed out never names another form. Kysely runs SQLite migrations outside a
 * transaction (PRAGMA foreign_keys is a no-op inside one), so the rebuild makes its own.
 */
async function rebuildSqliteFormsWithDeletedAt(db: Kysely<unknown>): Promise<void> {
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      const seq = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'forms'`.execute(db);
      await db.schema
        .createTable('forms_rebuilt')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('folder', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('is_favorite', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('head', 'integer', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      // the columns named, not *: a re-run (killed after COMMIT, before Kysely recorded it) copies the same data again
      await sql`INSERT INTO forms_rebuilt (id, name, folder, tags, is_favorite, head, size, created_at, updated_at)
        SELECT id, name, folder, tags, is_favorite, head, size, created_at, updated_at FROM forms`.execute(db);
      await sql`DROP TABLE forms`.execute(db);
      await sql`ALTER TABLE forms_rebuilt RENAME TO forms`.execute(db);
      const highWater = Number(seq.rows[0]?.seq ?? 0);
      if (highWater > 0) {
        await sql`UPDATE sqlite_sequence SET seq = max(seq, ${highWater}) WHERE name = 'forms'`.execute(db);
        await sql`INSERT INTO sqlite_sequence (name, seq) SELECT 'forms', ${highWater} WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'forms')`.execute(
          db,
        );
      }
      await createLiveIndexes(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`the rebuilt forms table leaves ${broken.rows.length} rows without their form`);
      await sql`COMMIT`.execute(db);
    } catch (err) {
      await sql`ROLLBACK`.execute(db);
      throw err;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    '0001-forms-and-versions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('forms')
          .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('folder', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('is_favorite', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('head', 'integer', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('forms_folder_name_unique', ['folder', 'name'])
          .execute();
        await db.schema.createIndex('forms_updated_at').on('forms').columns(['updated_at', 'id']).execute();
        await db.schema.createIndex('forms_folder_updated_at').on('forms').columns(['folder', 'updated_at', 'id']).execute();
        await db.schema
          .createTable('form_versions')
          .addColumn('form_id', 'integer', (c) => c.notNull().references('forms.id').onDelete('cascade'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('source', bytes, (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('message', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('form_versions_pk', ['form_id', 'version'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('form_versions').execute();
        await db.schema.dropTable('forms').execute();
      },
    },
    '0002-variable-sets': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('variable_sets')
          .addColumn('form_id', 'integer', (c) => c.notNull().references('forms.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('variables', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('variable_sets_pk', ['form_id', 'name'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('variable_sets').execute();
      },
    },
    /**
     * Soft delete: a deleted form keeps its row and every version (so an undo brings its
     * history back) and leaves the listings; the name rule covers live forms only, so a
     * new form may take a deleted one's name. Purged after ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS.
     */
    '0003-soft-delete': {
      async up(db: Kysely<unknown>) {
        if (dialect === 'sqlite') return rebuildSqliteFormsWithDeletedAt(db);
        await db.schema.alterTable('forms').addColumn('deleted_at', 'text').execute();
        await db.schema.alterTable('forms').dropConstraint('forms_folder_name_unique').execute();
        await db.schema.dropIndex('forms_updated_at').execute();
        await db.schema.dropIndex('forms_folder_updated_at').execute();
        await createLiveIndexes(db);
      },
    },
  };
}

/** applies every migration not yet applied; throws with the failing migration's name */
export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const migrations = migrationsFor(dialect);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'library_migrations',
    migrationLockTableName: 'library_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`library migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
