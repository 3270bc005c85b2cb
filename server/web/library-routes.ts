/**
 * The /files routes: the original service's saved-scripts API (list with search and
 * favorites_only, recent, get, create, update, delete, duplicate, favourite) plus
 * versions, diff, restore, undelete, variable sets and zip export/import. Sources travel as JSON
 * strings of Latin-1 characters (U+0000–U+00FF, one per byte), as in POST /compile's JSON
 * variant. Names are returned as JSON strings: text, never HTML.
 */
import { loadLibraryConfig } from '@/lib/config/env';
import { diffCompiled, diffLines } from '@/lib/library/diff';
import { DEFAULT_PAGE_SIZE, MAX_IMPORT_ZIP_BYTES, MAX_PAGE_SIZE, MAX_RECENT, MAX_SOURCE_BYTES } from '@/lib/library/limits';
import { purgeExpired } from '@/lib/library/purge';
import type { FormUpdate, NewForm } from '@/lib/library/types';
import { exportLibrary, importLibrary, toWebStream } from '@/lib/library/zip';
import { HttpError, jsonAnswer, type Answer } from './http';
import { boolQuery, checkWrite, idParam, intQuery, jsonBody, type LibraryAnswer, type LibraryRequest } from './library-http';
import { getLibrary } from './library-store';
import { log } from './log';

/** a JSON body holding a 16 MB source: high bytes take two bytes in UTF-8, plus room for the rest */
export const MAX_JSON_BODY_BYTES = 2 * MAX_SOURCE_BYTES + 1024 * 1024;
/** bodies of writes that carry no source */
const SMALL_BODY_BYTES = 1024 * 1024;

function token(): string | null {
  return loadLibraryConfig().token;
}

function pick<T extends object>(body: Record<string, unknown>, keys: (keyof T & string)[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (body[k] !== undefined) out[k] = body[k];
  return out as Partial<T>;
}

function unknownFields(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw new HttpError(400, `unknown field ${JSON.stringify(extra[0]!.slice(0, 64))}; allowed: ${allowed.join(', ')}`);
}

const CREATE_FIELDS = ['name', 'folder', 'tags', 'is_favorite', 'content', 'message'];
const UPDATE_FIELDS = [...CREATE_FIELDS, 'base_version'];

/** GET /files?search=&favorites_only=&folder=&page=&page_size= */
export async function listFiles(request: LibraryRequest): Promise<Answer> {
  const url = request.url;
  const repo = await getLibrary();
  const folder = url.searchParams.get('folder');
  const page = await repo.list({
    search: url.searchParams.get('search') ?? undefined,
    favorites_only: boolQuery(url, 'favorites_only'),
    folder: folder === null ? undefined : folder,
    page: intQuery(url, 'page', 1, 1, 1_000_000),
    page_size: intQuery(url, 'page_size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
  });
  return jsonAnswer({ success: true, ...page });
}

/** GET /files/recent?limit= */
export async function recentFiles(request: LibraryRequest): Promise<Answer> {
  const repo = await getLibrary();
  return jsonAnswer({ success: true, files: await repo.recent(intQuery(request.url, 'limit', 10, 1, MAX_RECENT)) });
}

/** POST /files */
export async function createFile(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const body = await jsonBody(request, MAX_JSON_BODY_BYTES);
  unknownFields(body, CREATE_FIELDS);
  const repo = await getLibrary();
  const form = await repo.create(pick<NewForm>(body, CREATE_FIELDS as (keyof NewForm)[]) as NewForm);
  return jsonAnswer({ success: true, file: form }, 201, { Location: `/files/${form.id}` });
}

/**
 * ?format=raw answers the source itself, its exact bytes as text/plain; charset=iso-8859-1
 * (JSON escapes control bytes as \u00XX: six bytes for one); metadata go in X- headers.
 */
function rawFormat(request: LibraryRequest): boolean {
  const format = request.url.searchParams.get('format');
  if (format === null || format === 'json') return false;
  if (format === 'raw') return true;
  throw new HttpError(400, '"format" must be "json" or "raw"');
}

function rawSource(content: string, id: number, version: number): Answer {
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/plain; charset=iso-8859-1',
      'Cache-Control': 'no-store',
      'X-Form-Id': String(id),
      'X-Form-Version': String(version),
      'X-Content-Type-Options': 'nosniff',
    },
    body: Buffer.from(content, 'latin1'),
  };
}

/** GET /files/{id}[?format=raw] */
export async function getFile(request: LibraryRequest): Promise<Answer> {
  const raw = rawFormat(request);
  const repo = await getLibrary();
  const form = await repo.get(idParam(request.params.id, 'form'));
  return raw ? rawSource(form.content, form.id, form.version) : jsonAnswer({ success: true, file: form });
}

/** PUT /files/{id}: a save (content + base_version) or a metadata change (rename, move, tags) */
export async function updateFile(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  const body = await jsonBody(request, MAX_JSON_BODY_BYTES);
  unknownFields(body, UPDATE_FIELDS);
  if (body.content !== undefined && body.base_version === undefined)
    throw new HttpError(400, 'a save needs "base_version": the version the editor started from');
  const repo = await getLibrary();
  return jsonAnswer({ success: true, file: await repo.update(id, pick<FormUpdate>(body, UPDATE_FIELDS as (keyof FormUpdate)[])) });
}

/**
 * DELETE /files/{id}: a soft delete (POST /files/{id}/undelete brings the form back with
 * its versions); forms deleted longer ago than the retention are purged on the way.
 */
export async function deleteFile(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  const repo = await getLibrary();
  await repo.delete(id);
  // the delete is done and answered either way: a failed purge is tried again on the next one
  await purgeExpired(repo, loadLibraryConfig().deletedRetentionDays).catch((err: unknown) => log.warn({ err }, 'purging deleted forms failed'));
  return jsonAnswer({ success: true, id });
}

/**
 * POST /files/{id}/undelete: a deleted form back with every version (a live form is answered
 * as it is, so a repeated undo is harmless); 409 Name Taken when another form took its name.
 */
export async function undeleteFile(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  const body = await jsonBody(request, SMALL_BODY_BYTES);
  unknownFields(body, []);
  return jsonAnswer({ success: true, file: await (await getLibrary()).undelete(id) });
}

/** POST /files/{id}/duplicate {name?} */
export async function duplicateFile(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  const body = await jsonBody(request, SMALL_BODY_BYTES);
  unknownFields(body, ['name']);
  const form = await (await getLibrary()).duplicate(id, body.name as string | undefined);
  return jsonAnswer({ success: true, file: form }, 201, { Location: `/files/${form.id}` });
}

/** POST /files/{id}/favorite {is_favorite?}: sets it, or flips it without a body */
export async function favoriteFile(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  const body = await jsonBody(request, SMALL_BODY_BYTES);
  unknownFields(body, ['is_favorite']);
  return jsonAnswer({ success: true, file: await (await getLibrary()).setFavorite(id, body.is_favorite as boolean | undefined) });
}

/** GET /files/{id}/versions */
export async function listVersions(request: LibraryRequest): Promise<Answer> {
  const id = idParam(request.params.id, 'form');
  return jsonAnswer({ success: true, form_id: id, versions: await (await getLibrary()).versions(id) });
}

/** GET /files/{id}/versions/{n}[?format=raw] */
export async function getVersion(request: LibraryRequest): Promise<Answer> {
  const raw = rawFormat(request);
  const id = idParam(request.params.id, 'form');
  const n = idParam(request.params.n, 'version');
  const version = await (await getLibrary()).version(id, n);
  return raw ? rawSource(version.content, id, version.version) : jsonAnswer({ success: true, version });
}

/** POST /files/{id}/versions/{n}/restore {base_version, message?}: version n saved again as the newest */
export async function restoreVersion(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  const n = idParam(request.params.n, 'version');
  const body = await jsonBody(request, SMALL_BODY_BYTES);
  unknownFields(body, ['base_version', 'message']);
  if (body.base_version === undefined) throw new HttpError(400, 'a restore needs "base_version": the version the editor started from');
  const form = await (await getLibrary()).restore(id, n, body.base_version as number, body.message as string | undefined);
  return jsonAnswer({ success: true, file: form }, 201);
}

/** GET /files/{id}/diff?from=&to= (to defaults to the newest) */
export async function diffVersions(request: LibraryRequest): Promise<Answer> {
  const id = idParam(request.params.id, 'form');
  const repo = await getLibrary();
  const fromRaw = request.url.searchParams.get('from');
  if (fromRaw === null) throw new HttpError(400, 'say which versions to compare: ?from=<n>&to=<m>');
  const from = await repo.version(id, intQuery(request.url, 'from', 1, 1, Number.MAX_SAFE_INTEGER));
  const toRaw = request.url.searchParams.get('to');
  const to =
    toRaw === null ? await repo.version(id, (await repo.get(id)).version) : await repo.version(id, intQuery(request.url, 'to', 1, 1, Number.MAX_SAFE_INTEGER));
  return jsonAnswer({
    success: true,
    form_id: id,
    from: from.version,
    to: to.version,
    lines: diffLines(from.content, to.content),
    compiled: diffCompiled(from.content, to.content),
  });
}

/** GET /files/{id}/variables */
export async function listVariableSets(request: LibraryRequest): Promise<Answer> {
  const id = idParam(request.params.id, 'form');
  return jsonAnswer({ success: true, form_id: id, sets: await (await getLibrary()).variableSets(id) });
}

/** PUT /files/{id}/variables/{name} {variables} */
export async function saveVariableSet(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  const body = await jsonBody(request, MAX_JSON_BODY_BYTES);
  unknownFields(body, ['variables']);
  const set = await (await getLibrary()).saveVariableSet(id, request.params.name ?? '', (body.variables ?? {}) as Record<string, string>);
  return jsonAnswer({ success: true, set });
}

/** DELETE /files/{id}/variables/{name} */
export async function deleteVariableSet(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token());
  const id = idParam(request.params.id, 'form');
  await (await getLibrary()).deleteVariableSet(id, request.params.name ?? '');
  return jsonAnswer({ success: true });
}

/** GET /files/export: the whole library as a zip */
export async function exportFiles(): Promise<LibraryAnswer> {
  const repo = await getLibrary();
  const day = new Date().toISOString().slice(0, 10);
  return {
    status: 200,
    headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="atomforge-library-${day}.zip"`, 'Cache-Control': 'no-store' },
    stream: toWebStream(exportLibrary(repo)),
  };
}

/** POST /files/import (application/zip): every .fdo.txt of the zip becomes a form, in one transaction */
export async function importFiles(request: LibraryRequest): Promise<Answer> {
  checkWrite(request, token(), ['application/zip', 'application/x-zip-compressed']);
  const bytes = await request.body(MAX_IMPORT_ZIP_BYTES);
  if (bytes.byteLength === 0) throw new HttpError(400, 'send the zip as the request body');
  const report = await importLibrary(await getLibrary(), bytes);
  return jsonAnswer({ success: true, ...report }, 201);
}
