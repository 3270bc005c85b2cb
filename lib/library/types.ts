/** The library's values as the repository hands them out (sources are Latin-1 text: one character per byte). */

export interface FormSummary {
  id: number;
  name: string;
  folder: string;
  tags: string[];
  is_favorite: boolean;
  /** the newest version number (1 for a new form) */
  version: number;
  /** bytes of the newest source */
  size: number;
  created_at: string;
  updated_at: string;
}

export interface Form extends FormSummary {
  /** the newest version's source, Latin-1 */
  content: string;
}

export interface FormVersion {
  form_id: number;
  version: number;
  content: string;
  size: number;
  message: string | null;
  created_at: string;
}

export type VersionSummary = Omit<FormVersion, 'content'>;

export interface NewForm {
  name: string;
  folder?: string;
  tags?: string[];
  is_favorite?: boolean;
  content: string;
  message?: string | null;
}

/** A save or metadata change; `base_version` is required when content changes. */
export interface FormUpdate {
  name?: string;
  folder?: string;
  tags?: string[];
  is_favorite?: boolean;
  content?: string;
  message?: string | null;
  /** the version the editor started from: a save over a newer one is a conflict */
  base_version?: number;
}

export interface ListQuery {
  search?: string;
  favorites_only?: boolean;
  folder?: string;
  page?: number;
  page_size?: number;
}

export interface ListPage {
  files: FormSummary[];
  total: number;
  page: number;
  page_size: number;
}

export interface VariableSet {
  form_id: number;
  name: string;
  variables: Record<string, string | number[]>;
  updated_at: string;
}
