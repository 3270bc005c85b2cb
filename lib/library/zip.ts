/**
 * The whole library as a zip: one `<folder>/<name>.fdo.txt` per form (its newest source,
 * the exact bytes) and `manifest.json` with each form's metadata. Import reads the
 * central directory first and refuses, before inflating anything, archives with too many
 * entries or entries declared too large; yauzl then checks each entry's real size against
 * its declaration (a zip bomb that lies is cut off), and refuses absolute paths and "..".
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { LibraryError } from './errors';
import { MAX_IMPORT_ENTRIES, MAX_IMPORT_ENTRY_BYTES, MAX_IMPORT_TOTAL_BYTES } from './limits';
import type { LibraryRepository } from './repository';
import type { FormSummary, NewForm } from './types';

export const MANIFEST = 'manifest.json';
export const SOURCE_SUFFIX = '.fdo.txt';
export const MANIFEST_FORMAT = 'atomforge-library';

/** a form as the manifest lists it: its summary without the database id, and its file in the zip */
export interface ManifestEntry extends Omit<FormSummary, 'id'> {
  path: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  format_version: 1;
  exported_at: string;
  forms: ManifestEntry[];
}

export function formPath(folder: string, name: string): string {
  return `${folder === '' ? '' : `${folder}/`}${name}${SOURCE_SUFFIX}`;
}

/**
 * A zip stream of the library. Each source is read from the store only when the zip
 * writer reaches it (addReadStreamLazy), so memory holds one form at a time however large
 * the library; the manifest lists the forms as they were when the export began.
 */
export function exportLibrary(repo: LibraryRepository): Readable {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  // a source that cannot be read (the form was deleted mid-export) ends the download with an error, not the process
  (zip as unknown as NodeJS.EventEmitter).on('error', (err: Error) => output.destroy(err));
  const manifest: Manifest = { format: MANIFEST_FORMAT, format_version: 1, exported_at: new Date().toISOString(), forms: [] };
  void (async () => {
    try {
      for await (const form of repo.all()) {
        const path = formPath(form.folder, form.name);
        zip.addReadStreamLazy(path, { mtime: new Date(form.updated_at) }, (done) => {
          repo.get(form.id).then(
            (full) => done(null, Readable.from([Buffer.from(full.content, 'latin1')])),
            (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), Readable.from([])),
          );
        });
        manifest.forms.push({
          path,
          name: form.name,
          folder: form.folder,
          tags: form.tags,
          is_favorite: form.is_favorite,
          version: form.version,
          size: form.size,
          created_at: form.created_at,
          updated_at: form.updated_at,
        });
      }
      zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'), MANIFEST);
      zip.end();
    } catch (err) {
      output.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return output;
}

export interface ReadZip {
  forms: NewForm[];
  /** entries that are neither a form nor the manifest */
  skipped: string[];
}

function bad(message: string): LibraryError {
  return new LibraryError('invalid', `the zip ${message}`, 'file');
}

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (err, zip) => (err ? reject(bad(`cannot be read: ${err.message}`)) : resolve(zip)),
    );
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(bad(`entry ${JSON.stringify(entry.fileName)} cannot be read: ${err.message}`));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          stream.destroy();
          reject(bad(`entry ${JSON.stringify(entry.fileName)} is larger than ${limit} bytes`));
        } else chunks.push(c);
      });
      stream.on('error', (e) => reject(bad(`entry ${JSON.stringify(entry.fileName)} is damaged: ${e.message}`)));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** folder and name from an entry path "a/b/name.fdo.txt" (checked again by the repository) */
function splitPath(path: string): { folder: string; name: string } {
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw bad(`entry ${JSON.stringify(path)} has an empty, . or .. part`);
  const file = parts.pop()!;
  return { folder: parts.join('/'), name: file.slice(0, -SOURCE_SUFFIX.length) };
}

function parseManifest(bytes: Buffer): Map<string, ManifestEntry> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw bad(`${MANIFEST} is not valid JSON`);
  }
  const forms = (value as { forms?: unknown } | null)?.forms;
  if ((value as { format?: unknown } | null)?.format !== MANIFEST_FORMAT || !Array.isArray(forms))
    throw bad(`${MANIFEST} is not an AtomForge library manifest`);
  const byPath = new Map<string, ManifestEntry>();
  for (const f of forms as ManifestEntry[]) if (f && typeof f.path === 'string') byPath.set(f.path, f);
  return byPath;
}

export async function readLibraryZip(bytes: Uint8Array): Promise<ReadZip> {
  const zip = await openZip(bytes);
  try {
    if (zip.entryCount > MAX_IMPORT_ENTRIES) throw bad(`holds ${zip.entryCount} entries; at most ${MAX_IMPORT_ENTRIES} are imported at once`);
    const sources = new Map<string, Buffer>();
    const skipped: string[] = [];
    let manifest: Map<string, ManifestEntry> | null = null;
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(e instanceof LibraryError ? e : bad(`is damaged: ${e.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const name = entry.fileName;
          if (name.endsWith('/')) return zip.readEntry();
          const isManifest = name === MANIFEST;
          if (!isManifest && !name.endsWith(SOURCE_SUFFIX)) {
            if (skipped.length < 100) skipped.push(name);
            return zip.readEntry();
          }
          if (entry.uncompressedSize > MAX_IMPORT_ENTRY_BYTES)
            throw bad(`entry ${JSON.stringify(name)} is ${entry.uncompressedSize} bytes; at most ${MAX_IMPORT_ENTRY_BYTES} are allowed`);
          total += entry.uncompressedSize;
          if (total > MAX_IMPORT_TOTAL_BYTES) throw bad(`unpacks to more than ${MAX_IMPORT_TOTAL_BYTES / (1024 * 1024)} MB`);
          const data = await readEntry(zip, entry, MAX_IMPORT_ENTRY_BYTES);
          if (isManifest) manifest = parseManifest(data);
          else {
            if (sources.has(name)) throw bad(`holds ${JSON.stringify(name)} twice`);
            sources.set(name, data);
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
    const meta = manifest as Map<string, ManifestEntry> | null;
    const forms: NewForm[] = [];
    for (const [path, data] of sources) {
      const { folder, name } = splitPath(path);
      const m = meta?.get(path);
      forms.push({
        name,
        folder,
        content: data.toString('latin1'),
        tags: Array.isArray(m?.tags) ? m.tags : [],
        is_favorite: typeof m?.is_favorite === 'boolean' ? m.is_favorite : false,
        message: 'imported',
      });
    }
    return { forms, skipped };
  } finally {
    zip.close();
  }
}

export interface ImportReport {
  imported: { id: number; name: string; folder: string }[];
  skipped: string[];
}

/** every form of the zip created in one transaction (all or nothing); taken names get " (2)" */
export async function importLibrary(repo: LibraryRepository, bytes: Uint8Array): Promise<ImportReport> {
  const { forms, skipped } = await readLibraryZip(bytes);
  if (forms.length === 0) throw bad(`holds no ${SOURCE_SUFFIX} files`);
  const created = await repo.importForms(forms);
  return { imported: created.map((f) => ({ id: f.id, name: f.name, folder: f.folder })), skipped };
}

/** Readable → web ReadableStream for route answers */
export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}
