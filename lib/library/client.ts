/**
 * A typed client of the /files and /render routes, for the playground's library panel
 * and scripts. Every call answers a result instead of throwing; a save over a newer
 * version answers `conflict` with the version in the store and the one that was refused.
 */
import type { ServiceError } from '@/lib/service/contract';
import { clientSideError } from '@/lib/service/client-error';
import type { BinaryDiff, LineDiff } from './diff';
import type { Form, FormSummary, FormUpdate, FormVersion, ListPage, ListQuery, NewForm, VariableSet, VersionSummary } from './types';
import type { Variant } from './templates';

export interface SaveConflict {
  base_version: number;
  current: FormVersion;
  attempted: { source: string; message: string | null };
}

export type LibraryResult<T> = { ok: true; value: T } | { ok: false; error: ServiceError; conflict: SaveConflict | null; field: string | null };

export interface RenderAnswer {
  output: string;
  used: string[];
  unused: string[];
  variant: Variant;
  form: { id: number; name: string; folder: string; version: number } | null;
}

export interface DiffAnswer {
  from: number;
  to: number;
  lines: LineDiff;
  compiled: BinaryDiff;
}

export interface ClientOptions {
  /** where the service is ('' in the browser: same origin) */
  base?: string;
  /** ATOMFORGE_LIBRARY_TOKEN, when the server asks for one; a function is asked on every change (the browser's kept token) */
  token?: string | null | (() => string | null);
  fetch?: typeof fetch;
}

export function createLibraryClient(options: ClientOptions = {}) {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, body: unknown, pick: (json: Record<string, unknown>) => T): Promise<LibraryResult<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = typeof options.token === 'function' ? options.token() : options.token;
    if (token && method !== 'GET') headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (err) {
      return {
        ok: false,
        error: clientSideError(0, `cannot reach the service: ${err instanceof Error ? err.message : String(err)}`),
        conflict: null,
        field: null,
      };
    }
    const text = await res.text();
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {
        ok: false,
        error: clientSideError(res.status, text.slice(0, 300) || `HTTP ${res.status}`),
        conflict: null,
        field: null,
      };
    }
    if (!res.ok) {
      const detail = json.detail as ServiceError | undefined;
      return {
        ok: false,
        error: detail ?? clientSideError(res.status, String(json.error ?? `HTTP ${res.status}`)),
        conflict: (json.conflict as SaveConflict | undefined) ?? null,
        field: typeof json.field === 'string' ? json.field : null,
      };
    }
    return { ok: true, value: pick(json) };
  }

  const q = (params: Record<string, string | number | boolean | undefined>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
    const text = s.toString();
    return text === '' ? '' : `?${text}`;
  };

  return {
    list: (query: ListQuery = {}) =>
      call(
        'GET',
        `/files${q({ search: query.search, favorites_only: query.favorites_only, folder: query.folder, page: query.page, page_size: query.page_size })}`,
        undefined,
        (j) => j as unknown as ListPage,
      ),
    recent: (limit = 10) => call('GET', `/files/recent${q({ limit })}`, undefined, (j) => j.files as FormSummary[]),
    get: (id: number) => call('GET', `/files/${id}`, undefined, (j) => j.file as Form),
    create: (form: NewForm) => call('POST', '/files', form, (j) => j.file as Form),
    /** a save: `base_version` is the version the editor opened */
    save: (id: number, content: string, baseVersion: number, message?: string) =>
      call('PUT', `/files/${id}`, { content, base_version: baseVersion, message }, (j) => j.file as Form),
    update: (id: number, update: Omit<FormUpdate, 'content' | 'base_version'>) => call('PUT', `/files/${id}`, update, (j) => j.file as Form),
    /** a soft delete: `undelete` brings the form back with its versions */
    remove: (id: number) => call('DELETE', `/files/${id}`, undefined, () => true),
    undelete: (id: number) => call('POST', `/files/${id}/undelete`, undefined, (j) => j.file as Form),
    duplicate: (id: number, name?: string) => call('POST', `/files/${id}/duplicate`, name === undefined ? undefined : { name }, (j) => j.file as Form),
    favorite: (id: number, value?: boolean) =>
      call('POST', `/files/${id}/favorite`, value === undefined ? undefined : { is_favorite: value }, (j) => j.file as Form),
    versions: (id: number) => call('GET', `/files/${id}/versions`, undefined, (j) => j.versions as VersionSummary[]),
    version: (id: number, n: number) => call('GET', `/files/${id}/versions/${n}`, undefined, (j) => j.version as FormVersion),
    diff: (id: number, from: number, to?: number) => call('GET', `/files/${id}/diff${q({ from, to })}`, undefined, (j) => j as unknown as DiffAnswer),
    restore: (id: number, n: number, baseVersion: number) =>
      call('POST', `/files/${id}/versions/${n}/restore`, { base_version: baseVersion }, (j) => j.file as Form),
    variableSets: (id: number) => call('GET', `/files/${id}/variables`, undefined, (j) => j.sets as VariableSet[]),
    saveVariableSet: (id: number, name: string, variables: Record<string, string | number[]>) =>
      call('PUT', `/files/${id}/variables/${encodeURIComponent(name)}`, { variables }, (j) => j.set as VariableSet),
    render: (input: { form_id: number } | { source: string }, variables: Record<string, string | number[]>, variant: Variant = 'default') =>
      call('POST', '/render', { ...input, variables, variant }, (j) => j as unknown as RenderAnswer),
  };
}

export type LibraryClient = ReturnType<typeof createLibraryClient>;
