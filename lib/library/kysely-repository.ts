/**
 * The repository over Kysely, one implementation for SQLite and PostgreSQL. A save is
 * one transaction: `UPDATE forms SET head = base + 1 … WHERE id = ? AND head = base`
 * touches no row when another save got there first, so the loser gets a conflict with
 * the newer version instead of overwriting it (the row lock makes this hold on
 * PostgreSQL under READ COMMITTED; SQLite runs one writer at a time).
 *
 * A delete is soft: the row and its versions stay, marked `deleted_at`, and every read
 * and write here treats such a form as gone (LIVE) until undelete() brings it back or
 * purgeDeleted() removes it for good.
 */
import type { Kysely, Transaction } from 'kysely';
import { LibraryError } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_RECENT, MAX_SEARCH_CHARS, MAX_VARIABLE_SETS_PER_FORM } from './limits';
import type { LibraryRepository } from './repository';
import type { Dialect, FormsTable, LibraryDatabase } from './schema';
import type { Form, FormSummary, FormUpdate, FormVersion, ListPage, ListQuery, NewForm, VariableSet, VersionSummary } from './types';
import { checkBoolean, checkFolder, checkMessage, checkName, checkSource, checkTags, checkVersionNumber } from './validate';
import { checkVariables } from './variables';

type Db = Kysely<LibraryDatabase> | Transaction<LibraryDatabase>;
type FormRow = Omit<FormsTable, 'id'> & { id: number };

const SUMMARY_COLUMNS = ['id', 'name', 'folder', 'tags', 'is_favorite', 'head', 'size', 'created_at', 'updated_at'] as const;

function now(): string {
  return new Date().toISOString();
}

function toBytes(content: string): Uint8Array {
  return Buffer.from(content, 'latin1');
}

function toText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function summary(row: FormRow): FormSummary {
  return {
    id: Number(row.id),
    name: row.name,
    folder: row.folder,
    tags: JSON.parse(row.tags) as string[],
    is_favorite: Number(row.is_favorite) === 1,
    version: Number(row.head),
    size: Number(row.size),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

function nameTaken(folder: string, name: string): LibraryError {
  return new LibraryError(
    'name-taken',
    `a form named ${JSON.stringify(name)} already exists in ${folder === '' ? 'the top folder' : `folder ${JSON.stringify(folder)}`}`,
    'name',
  );
}

/** the condition every read of a form carries: deleted forms are not there */
const LIVE = ['deleted_at', 'is', null] as const;

function checkId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1) throw new LibraryError('not-found', `no form with id ${String(id)}`);
  return id;
}

export class KyselyRepository implements LibraryRepository {
  constructor(
    private readonly db: Kysely<LibraryDatabase>,
    readonly dialect: Dialect,
    private readonly onClose: () => Promise<void> = () => db.destroy(),
  ) {}

  async list(query: ListQuery): Promise<ListPage> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE;
    if (!Number.isSafeInteger(page) || page < 1) throw new LibraryError('invalid', '"page" must be a whole number from 1', 'page');
    if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
      throw new LibraryError('invalid', `"page_size" must be a whole number from 1 to ${MAX_PAGE_SIZE}`, 'page_size');
    const search = query.search ?? '';
    if (search.length > MAX_SEARCH_CHARS) throw new LibraryError('invalid', `"search" is longer than ${MAX_SEARCH_CHARS} characters`, 'search');
    const folder = query.folder === undefined ? undefined : checkFolder(query.folder);
    const needle = search.trim().toLowerCase();
    const position = this.dialect === 'postgres' ? 'strpos' : 'instr';

    let base = this.db.selectFrom('forms').where(...LIVE);
    if (folder !== undefined) base = base.where('folder', '=', folder);
    if (query.favorites_only) base = base.where('is_favorite', '=', 1);
    if (needle !== '') {
      // a substring match built from functions, not LIKE, so % and _ in a search are plain characters
      base = base.where((eb) =>
        eb.or([
          eb(eb.fn<number>(position, [eb.fn('lower', ['name']), eb.val(needle)]), '>', 0),
          eb(eb.fn<number>(position, [eb.fn('lower', ['tags']), eb.val(needle)]), '>', 0),
          eb(eb.fn<number>(position, [eb.fn('lower', ['folder']), eb.val(needle)]), '>', 0),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      base
        .select(SUMMARY_COLUMNS)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { files: rows.map((r) => summary(r as FormRow)), total: Number(count.n), page, page_size: pageSize };
  }

  async recent(limit: number): Promise<FormSummary[]> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_RECENT)
      throw new LibraryError('invalid', `"limit" must be a whole number from 1 to ${MAX_RECENT}`, 'limit');
    const rows = await this.db
      .selectFrom('forms')
      .select(SUMMARY_COLUMNS)
      .where(...LIVE)
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => summary(r as FormRow));
  }

  async get(id: number): Promise<Form> {
    return this.getIn(this.db, checkId(id));
  }

  private async getIn(db: Db, id: number): Promise<Form> {
    const row = await db
      .selectFrom('forms')
      .innerJoin('form_versions', (j) => j.onRef('form_versions.form_id', '=', 'forms.id').onRef('form_versions.version', '=', 'forms.head'))
      .select(SUMMARY_COLUMNS.map((c) => `forms.${c}` as const))
      .select('form_versions.source')
      .where('forms.id', '=', id)
      .where('forms.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new LibraryError('not-found', `no form with id ${id}`);
    return { ...summary(row as unknown as FormRow), content: toText(row.source) };
  }

  async findByName(folder: string, name: string): Promise<Form | null> {
    const row = await this.db
      .selectFrom('forms')
      .select('id')
      .where('folder', '=', checkFolder(folder))
      .where('name', '=', checkName(name))
      .where(...LIVE)
      .executeTakeFirst();
    return row ? this.get(Number(row.id)) : null;
  }

  async create(form: NewForm): Promise<Form> {
    const input = this.checkNew(form);
    return this.db.transaction().execute((trx) => this.insertForm(trx, input));
  }

  private checkNew(form: NewForm): Required<NewForm> {
    return {
      name: checkName(form.name),
      folder: form.folder === undefined ? '' : checkFolder(form.folder),
      tags: form.tags === undefined ? [] : checkTags(form.tags),
      is_favorite: form.is_favorite === undefined ? false : checkBoolean(form.is_favorite, 'is_favorite'),
      content: checkSource(form.content),
      message: checkMessage(form.message),
    };
  }

  private async insertForm(trx: Transaction<LibraryDatabase>, f: Required<NewForm>): Promise<Form> {
    const at = now();
    const bytes = toBytes(f.content);
    let id: number;
    try {
      const row = await trx
        .insertInto('forms')
        .values({
          name: f.name,
          folder: f.folder,
          tags: JSON.stringify(f.tags),
          is_favorite: f.is_favorite ? 1 : 0,
          head: 1,
          size: bytes.byteLength,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(f.folder, f.name);
      throw err;
    }
    await trx
      .insertInto('form_versions')
      .values({ form_id: id, version: 1, source: bytes, size: bytes.byteLength, message: f.message, created_at: at })
      .execute();
    return this.getIn(trx, id);
  }

  async update(id: number, update: FormUpdate): Promise<Form> {
    checkId(id);
    const changes: Partial<Omit<FormsTable, 'id'>> = {};
    if (update.name !== undefined) changes.name = checkName(update.name);
    if (update.folder !== undefined) changes.folder = checkFolder(update.folder);
    if (update.tags !== undefined) changes.tags = JSON.stringify(checkTags(update.tags));
    if (update.is_favorite !== undefined) changes.is_favorite = checkBoolean(update.is_favorite, 'is_favorite') ? 1 : 0;
    const content = update.content === undefined ? undefined : checkSource(update.content);
    const message = checkMessage(update.message);
    const base = content === undefined ? undefined : checkVersionNumber(update.base_version, 'base_version');
    return this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('forms')
        .select(['id', 'folder', 'name', 'head'])
        .where('id', '=', id)
        .where(...LIVE)
        .executeTakeFirst();
      if (!current) throw new LibraryError('not-found', `no form with id ${id}`);
      const at = now();
      try {
        if (content === undefined) {
          if (Object.keys(changes).length > 0)
            await trx
              .updateTable('forms')
              .set({ ...changes, updated_at: at })
              .where('id', '=', id)
              .execute();
          return this.getIn(trx, id);
        }
        await this.saveVersion(trx, id, base!, content, message, at, changes);
      } catch (err) {
        if (isUniqueViolation(err)) throw nameTaken(changes.folder ?? current.folder, changes.name ?? current.name);
        throw err;
      }
      return this.getIn(trx, id);
    });
  }

  /** the guarded write of a new version: a conflict when the head moved past `base` */
  private async saveVersion(
    trx: Transaction<LibraryDatabase>,
    id: number,
    base: number,
    content: string,
    message: string | null,
    at: string,
    changes: Partial<Omit<FormsTable, 'id'>> = {},
  ): Promise<void> {
    const bytes = toBytes(content);
    const result = await trx
      .updateTable('forms')
      .set({ ...changes, head: base + 1, size: bytes.byteLength, updated_at: at })
      .where('id', '=', id)
      .where('head', '=', base)
      .where(...LIVE)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const head = await trx
        .selectFrom('forms')
        .select('head')
        .where('id', '=', id)
        .where(...LIVE)
        .executeTakeFirst();
      if (!head) throw new LibraryError('not-found', `no form with id ${id}`);
      const newest = Number(head.head);
      if (base > newest) throw new LibraryError('invalid', `"base_version" ${base} does not exist yet: the newest version is ${newest}`, 'base_version');
      throw new LibraryError('conflict', `version ${newest} was saved after version ${base}, which this save started from`, 'base_version', {
        base,
        current: await this.versionIn(trx, id, newest),
        attempted: { source: content, message },
      });
    }
    await trx
      .insertInto('form_versions')
      .values({ form_id: id, version: base + 1, source: bytes, size: bytes.byteLength, message, created_at: at })
      .execute();
  }

  async delete(id: number): Promise<void> {
    const result = await this.db
      .updateTable('forms')
      .set({ deleted_at: now() })
      .where('id', '=', checkId(id))
      .where(...LIVE)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new LibraryError('not-found', `no form with id ${id}`);
  }

  async undelete(id: number): Promise<Form> {
    checkId(id);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('forms').select(['folder', 'name', 'deleted_at']).where('id', '=', id).executeTakeFirst();
      if (!row) throw new LibraryError('not-found', `no form with id ${id}, deleted or not (deleted forms are purged after a while)`);
      if (row.deleted_at !== null) {
        try {
          await trx.updateTable('forms').set({ deleted_at: null }).where('id', '=', id).execute();
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
          const where = row.folder === '' ? 'the top folder' : `folder ${JSON.stringify(row.folder)}`;
          throw new LibraryError(
            'name-taken',
            `form ${id} cannot come back as ${JSON.stringify(row.name)}: another form in ${where} took that name after the delete; rename or delete that one first`,
            'name',
          );
        }
      }
      return this.getIn(trx, id);
    });
  }

  async purgeDeleted(deletedBefore: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('forms')
      .where('deleted_at', 'is not', null)
      .where('deleted_at', '<', deletedBefore.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async duplicate(id: number, name?: string): Promise<Form> {
    const wanted = name === undefined ? undefined : checkName(name);
    return this.db.transaction().execute(async (trx) => {
      const source = await this.getIn(trx, checkId(id));
      const copyName = wanted ?? (await this.freeName(trx, source.folder, `${source.name} (copy)`));
      return this.insertForm(trx, {
        name: copyName,
        folder: source.folder,
        tags: source.tags,
        is_favorite: false,
        content: source.content,
        message: `copy of ${source.name} version ${source.version}`,
      });
    });
  }

  /** `wanted`, or `wanted (2)`, `(3)`… — the first not taken in the folder, kept within the name limit */
  private async freeName(db: Db, folder: string, wanted: string): Promise<string> {
    for (let n = 1; n < 10_000; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const candidate = wanted.slice(0, 255 - suffix.length) + suffix;
      const taken = await db
        .selectFrom('forms')
        .select('id')
        .where('folder', '=', folder)
        .where('name', '=', candidate)
        .where(...LIVE)
        .executeTakeFirst();
      if (!taken) return candidate;
    }
    throw new LibraryError('name-taken', `no free name like ${JSON.stringify(wanted)} in this folder`, 'name');
  }

  async setFavorite(id: number, value?: boolean): Promise<Form> {
    checkId(id);
    const flag = value === undefined ? undefined : checkBoolean(value, 'is_favorite');
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('forms')
        .select('is_favorite')
        .where('id', '=', id)
        .where(...LIVE)
        .executeTakeFirst();
      if (!row) throw new LibraryError('not-found', `no form with id ${id}`);
      const next = flag ?? Number(row.is_favorite) !== 1;
      await trx
        .updateTable('forms')
        .set({ is_favorite: next ? 1 : 0 })
        .where('id', '=', id)
        .execute();
      return this.getIn(trx, id);
    });
  }

  async versions(id: number): Promise<VersionSummary[]> {
    await this.exists(this.db, checkId(id));
    const rows = await this.db
      .selectFrom('form_versions')
      .select(['form_id', 'version', 'size', 'message', 'created_at'])
      .where('form_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({ form_id: Number(r.form_id), version: Number(r.version), size: Number(r.size), message: r.message, created_at: r.created_at }));
  }

  async version(id: number, version: number): Promise<FormVersion> {
    return this.versionIn(this.db, checkId(id), checkVersionNumber(version, 'version'));
  }

  private async exists(db: Db, id: number): Promise<void> {
    const row = await db
      .selectFrom('forms')
      .select('id')
      .where('id', '=', id)
      .where(...LIVE)
      .executeTakeFirst();
    if (!row) throw new LibraryError('not-found', `no form with id ${id}`);
  }

  private async versionIn(db: Db, id: number, version: number): Promise<FormVersion> {
    const row = await db
      .selectFrom('form_versions')
      .innerJoin('forms', 'forms.id', 'form_versions.form_id')
      .selectAll('form_versions')
      .where('form_versions.form_id', '=', id)
      .where('form_versions.version', '=', version)
      .where('forms.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) {
      await this.exists(db, id);
      throw new LibraryError('not-found', `form ${id} has no version ${version}`);
    }
    return {
      form_id: Number(row.form_id),
      version: Number(row.version),
      content: toText(row.source),
      size: Number(row.size),
      message: row.message,
      created_at: row.created_at,
    };
  }

  async restore(id: number, version: number, baseVersion: number, message?: string | null): Promise<Form> {
    checkId(id);
    const n = checkVersionNumber(version, 'version');
    const base = checkVersionNumber(baseVersion, 'base_version');
    const note = checkMessage(message) ?? `restored version ${n}`;
    return this.db.transaction().execute(async (trx) => {
      const old = await this.versionIn(trx, id, n);
      await this.saveVersion(trx, id, base, old.content, note, now());
      return this.getIn(trx, id);
    });
  }

  async variableSets(formId: number): Promise<VariableSet[]> {
    await this.exists(this.db, checkId(formId));
    const rows = await this.db.selectFrom('variable_sets').selectAll().where('form_id', '=', formId).orderBy('name').execute();
    return rows.map((r) => ({
      form_id: Number(r.form_id),
      name: r.name,
      variables: JSON.parse(r.variables) as Record<string, string | number[]>,
      updated_at: r.updated_at,
    }));
  }

  async saveVariableSet(formId: number, name: string, variables: Record<string, string | number[]>): Promise<VariableSet> {
    checkId(formId);
    const setName = checkName(name);
    const values = checkVariables(variables);
    return this.db.transaction().execute(async (trx) => {
      await this.exists(trx, formId);
      const at = now();
      const json = JSON.stringify(values);
      const updated = await trx
        .updateTable('variable_sets')
        .set({ variables: json, updated_at: at })
        .where('form_id', '=', formId)
        .where('name', '=', setName)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        const count = await trx
          .selectFrom('variable_sets')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('form_id', '=', formId)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= MAX_VARIABLE_SETS_PER_FORM)
          throw new LibraryError('invalid', `a form keeps at most ${MAX_VARIABLE_SETS_PER_FORM} variable sets`, 'name');
        await trx.insertInto('variable_sets').values({ form_id: formId, name: setName, variables: json, updated_at: at }).execute();
      }
      return { form_id: formId, name: setName, variables: values, updated_at: at };
    });
  }

  async deleteVariableSet(formId: number, name: string): Promise<void> {
    await this.exists(this.db, checkId(formId));
    const result = await this.db.deleteFrom('variable_sets').where('form_id', '=', formId).where('name', '=', checkName(name)).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new LibraryError('not-found', `form ${formId} has no variable set ${JSON.stringify(name)}`);
  }

  async *all(): AsyncIterable<FormSummary> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('forms')
        .select(SUMMARY_COLUMNS)
        .where('id', '>', after)
        .where(...LIVE)
        .orderBy('id')
        .limit(500)
        .execute();
      if (rows.length === 0) return;
      for (const row of rows) {
        after = Number(row.id);
        yield summary(row as FormRow);
      }
    }
  }

  async importForms(forms: NewForm[]): Promise<Form[]> {
    const inputs = forms.map((f) => this.checkNew(f));
    return this.db.transaction().execute(async (trx) => {
      const out: Form[] = [];
      for (const f of inputs) out.push(await this.insertForm(trx, { ...f, name: await this.freeName(trx, f.folder, f.name) }));
      return out;
    });
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
