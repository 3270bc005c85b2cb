/**
 * The library's schema as ordered migrations, one list for both databases. Column types
 * differ only where the engines do (an auto-increment key, BLOB vs BYTEA); Kysely's
 * Migrator records what ran and holds a lock, so several replicas starting at once on
 * one PostgreSQL apply each migration exactly once.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './schema';

function migrationsFor(dialect: Dialect): Record<string, Migration> {
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
