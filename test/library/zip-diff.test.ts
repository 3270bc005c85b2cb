/** Export/import of the library as a zip (round trip, zip bombs, traversal, entry counts) and the version diffs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCompiled, diffLines } from '@/lib/library/diff';
import { LibraryError } from '@/lib/library/errors';
import { MAX_IMPORT_ENTRIES } from '@/lib/library/limits';
import { openSqliteLibrary, type SqliteLibrary } from '@/lib/library/sqlite';
import { exportLibrary, importLibrary, readLibraryZip } from '@/lib/library/zip';

function zipOf(entries: [string, Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name.slice(0, -1));
    else zip.addBuffer(data, name);
  }
  zip.end();
  return buffer(zip.outputStream);
}

/** replaces every occurrence of `from` with `to` (same length) in a zip's headers */
function patch(zip: Buffer, from: string, to: string): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(from); at !== -1; at = out.indexOf(from, at + 1)) out.write(to, at, 'latin1');
  return out;
}

async function refusedZip(bytes: Buffer): Promise<string> {
  const err = await readLibraryZip(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LibraryError);
  return (err as LibraryError).message;
}

let dir: string;
let repo: SqliteLibrary;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-zip-'));
  repo = await openSqliteLibrary(dir);
});
afterAll(async () => {
  await repo.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('library zip', () => {
  it('round-trips every form with its bytes, folder, tags and favourite', async () => {
    const high = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
    await repo.create({ name: 'welcome', folder: 'screens', tags: ['a'], is_favorite: true, content: `x\r\n${high}` });
    await repo.create({ name: 'welcome.bw', folder: 'screens', content: 'bw' });
    await repo.create({ name: '<b>top<b>', content: 'top' });
    const zip = await buffer(exportLibrary(repo));
    const read = await readLibraryZip(zip);
    expect(read.forms.map((f) => [f.folder, f.name]).sort()).toEqual([
      ['', '<b>top<b>'],
      ['screens', 'welcome'],
      ['screens', 'welcome.bw'],
    ]);
    const welcome = read.forms.find((f) => f.name === 'welcome')!;
    expect(welcome).toMatchObject({ content: `x\r\n${high}`, tags: ['a'], is_favorite: true });

    const other = await openSqliteLibrary(path.join(dir, 'other'));
    try {
      const report = await importLibrary(other, zip);
      expect(report.imported.length).toBe(3);
      expect((await other.findByName('screens', 'welcome'))?.content).toBe(`x\r\n${high}`);
    } finally {
      await other.close();
    }
  });

  it('a source that cannot be read mid-export ends the download with an error, not the process', async () => {
    const failing = Object.create(repo) as SqliteLibrary;
    failing.get = () => Promise.reject(new LibraryError('not-found', 'gone'));
    await expect(buffer(exportLibrary(failing))).rejects.toThrow(/gone/);
  });

  it('imports plain .fdo.txt files without a manifest and skips other entries', async () => {
    const zip = await zipOf([
      ['forms/a.fdo.txt', Buffer.from('a\xe9', 'latin1')],
      ['notes.md', Buffer.from('hi')],
      ['dir/', Buffer.alloc(0)],
    ]);
    const read = await readLibraryZip(zip);
    expect(read.forms).toMatchObject([{ folder: 'forms', name: 'a', content: 'a\xe9' }]);
    expect(read.skipped).toEqual(['notes.md']);
  });

  it('refuses entries declared larger than 16 MB before inflating them', async () => {
    const zip = await zipOf([['big.fdo.txt', Buffer.alloc(17 * 1024 * 1024)]]);
    expect(zip.length).toBeLessThan(100_000);
    expect(await refusedZip(zip)).toMatch(/is 17825792 bytes; at most 16777216/);
  });

  it('cuts off a zip bomb that lies about its size', async () => {
    const zip = await zipOf([['bomb.fdo.txt', Buffer.alloc(17 * 1024 * 1024)]]);
    // the central directory's uncompressed size (offset 24 of its header) now claims 1000 bytes
    const cd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const lying = Buffer.from(zip);
    lying.writeUInt32LE(1000, cd + 24);
    expect(await refusedZip(lying)).toMatch(/damaged|larger|too many bytes/);
  });

  it('refuses path traversal and absolute paths', async () => {
    const up = patch(await zipOf([['aa/evil.fdo.txt', Buffer.from('x')]]), 'aa/evil', '../evil');
    expect(await refusedZip(up)).toMatch(/\.\./);
    const abs = patch(await zipOf([['a/etc/x.fdo.txt', Buffer.from('x')]]), 'a/etc/x', '//etc/x');
    await refusedZip(abs);
    const back = patch(await zipOf([['a_evil.fdo.txt', Buffer.from('x')]]), 'a_evil', 'a\\evil');
    await refusedZip(back);
  });

  it('refuses too many entries, junk and an empty archive', async () => {
    // the end-of-central-directory record (signature 50 4b 05 06) claims one entry too many
    const many = await zipOf([['a.fdo.txt', Buffer.from('x')]]);
    const eocd = many.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    many.writeUInt16LE(MAX_IMPORT_ENTRIES + 1, eocd + 8);
    many.writeUInt16LE(MAX_IMPORT_ENTRIES + 1, eocd + 10);
    expect(await refusedZip(many)).toMatch(/holds 20001 entries/);
    await refusedZip(Buffer.from('not a zip at all'));
    await refusedZip(Buffer.alloc(1));
    const empty = await importLibrary(repo, await zipOf([['readme.txt', Buffer.from('x')]])).then(
      () => null,
      (e: unknown) => e,
    );
    expect(empty).toBeInstanceOf(LibraryError);
  });

  it('refuses a bad name inside the zip with nothing imported', async () => {
    const zip = await zipOf([
      ['ok.fdo.txt', Buffer.from('x')],
      ['bad\u0001name.fdo.txt', Buffer.from('x')],
    ]);
    const before = (await repo.list({})).total;
    await expect(importLibrary(repo, zip)).rejects.toBeInstanceOf(LibraryError);
    expect((await repo.list({})).total).toBe(before);
  });
});

describe('version diffs', () => {
  it('diffs lines with line numbers and collapses equal runs', () => {
    const d = diffLines('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n');
    expect(d.ops).toEqual([
      { op: 'equal', old_line: 1, new_line: 1, count: 1 },
      { op: 'remove', old_line: 2, text: 'b' },
      { op: 'add', new_line: 2, text: 'B' },
      { op: 'equal', old_line: 3, new_line: 3, count: 2 },
      { op: 'add', new_line: 5, text: 'e' },
    ]);
    expect([d.added, d.removed, d.whole, d.truncated]).toEqual([2, 1, false, false]);
    expect(diffLines('', 'x').ops).toEqual([{ op: 'add', new_line: 1, text: 'x' }]);
    expect(diffLines('same', 'same').ops).toEqual([{ op: 'equal', old_line: 1, new_line: 1, count: 1 }]);
  });

  it('answers "replaced as a whole" for unrelated large sources, quickly', () => {
    const a = Array.from({ length: 50_000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 50_000 }, (_, i) => `b${i}`).join('\n');
    const t0 = Date.now();
    const d = diffLines(a, b);
    expect(d.whole).toBe(true);
    expect([d.added, d.removed]).toEqual([50_000, 50_000]);
    // the answer stays bounded: 100 000 changed lines are counted, 20 000 listed
    expect(d.ops.length).toBe(20_000);
    expect(d.truncated).toBe(true);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('finds the compiled bytes first difference, and reports a version that does not compile', () => {
    const one = 'uni_start_stream <00x>\n  man_start_object <ind_group, "A">\n  man_end_object\nuni_end_stream <00x>\n';
    const two = one.replace('"A"', '"B"');
    const d = diffCompiled(one, two);
    expect(d.identical).toBe(false);
    expect(d.first_difference).toBeGreaterThan(0);
    expect(d.old_bytes!.split(' ')[0]).toBe('41');
    expect(d.new_bytes!.split(' ')[0]).toBe('42');
    expect(diffCompiled(one, one.replace(/\n/g, '\r\n')).identical).toBe(true);
    const broken = diffCompiled(one, 'mat_orientashun <vcf>\n');
    expect(broken.new).toMatchObject({ ok: false, error: { kind: 'Unrecognized Atom', line: 1 } });
    expect(broken.first_difference).toBeNull();
  });
});
