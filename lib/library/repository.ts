/**
 * What the rest of the service needs of the library, whatever database holds it. Every
 * method validates its input and throws LibraryError for anything a client got wrong.
 */
import type { Form, FormSummary, FormUpdate, FormVersion, ListPage, ListQuery, NewForm, VariableSet, VersionSummary } from './types';

export interface LibraryRepository {
  readonly dialect: 'sqlite' | 'postgres';
  list(query: ListQuery): Promise<ListPage>;
  recent(limit: number): Promise<FormSummary[]>;
  get(id: number): Promise<Form>;
  /** the form with this name in this folder, or null */
  findByName(folder: string, name: string): Promise<Form | null>;
  create(form: NewForm): Promise<Form>;
  /** a save (content + base_version) becomes a new version; metadata changes do not */
  update(id: number, update: FormUpdate): Promise<Form>;
  /** a soft delete: the form leaves every listing and read, its versions stay until purged */
  delete(id: number): Promise<void>;
  /**
   * brings a deleted form back with all its versions (a live form is answered as it is);
   * name-taken when another form took its name meanwhile, not-found once purged
   */
  undelete(id: number): Promise<Form>;
  /** removes for good the forms deleted before this time, with their versions; answers how many */
  purgeDeleted(deletedBefore: Date): Promise<number>;
  /** a copy with its newest source as version 1; the name defaults to "<name> (copy)" */
  duplicate(id: number, name?: string): Promise<Form>;
  /** sets the favourite flag, or flips it when `value` is undefined */
  setFavorite(id: number, value?: boolean): Promise<Form>;
  versions(id: number): Promise<VersionSummary[]>;
  version(id: number, version: number): Promise<FormVersion>;
  /** version n's source saved as a new version (base_version guards like a save) */
  restore(id: number, version: number, baseVersion: number, message?: string | null): Promise<Form>;
  variableSets(formId: number): Promise<VariableSet[]>;
  saveVariableSet(formId: number, name: string, variables: Record<string, string | number[]>): Promise<VariableSet>;
  deleteVariableSet(formId: number, name: string): Promise<void>;
  /** every form without its source, in id order (export fetches each source when it is written) */
  all(): AsyncIterable<FormSummary>;
  /** creates all the forms in one transaction; a taken name gets " (2)", " (3)"… */
  importForms(forms: NewForm[]): Promise<Form[]>;
  close(): Promise<void>;
}
