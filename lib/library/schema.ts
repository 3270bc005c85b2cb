/** The library's tables as Kysely sees them (the same on SQLite and PostgreSQL). */
import type { Generated } from 'kysely';

export interface FormsTable {
  id: Generated<number>;
  name: string;
  /** "" is the top level */
  folder: string;
  /** JSON array of strings */
  tags: string;
  /** 0 or 1 (an integer on both databases, so one code path reads it) */
  is_favorite: number;
  /** the newest version number; a save names the version it started from and must match */
  head: number;
  size: number;
  /** ISO-8601 UTC with milliseconds, so text order is time order */
  created_at: string;
  updated_at: string;
  /** when the form was deleted (ISO-8601 UTC), null while it is live; purged after the retention */
  deleted_at: string | null;
}

export interface FormVersionsTable {
  form_id: number;
  version: number;
  /** the exact Latin-1 bytes (BLOB / BYTEA), never re-encoded text */
  source: Uint8Array;
  size: number;
  message: string | null;
  created_at: string;
}

export interface VariableSetsTable {
  form_id: number;
  name: string;
  /** JSON object of name → value */
  variables: string;
  updated_at: string;
}

export interface LibraryDatabase {
  forms: FormsTable;
  form_versions: FormVersionsTable;
  variable_sets: VariableSetsTable;
}

export type Dialect = 'sqlite' | 'postgres';
