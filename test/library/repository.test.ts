/**
 * One repository suite, run against SQLite and a real PostgreSQL (a throwaway cluster on
 * 127.0.0.1): forms, versions, conflicts, favourites, search, paging, variable sets,
 * soft delete with undelete and the purge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryError } from '@/lib/library/errors';
import { purgeExpired } from '@/lib/library/purge';
import type { LibraryRepository } from '@/lib/library/repository';
import { BACKENDS } from './support/backends';

const HTML_NAME = '<img src=x onerror=alert(1)> &amp; "q"';
const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

async function refused(p: Promise<unknown>, kind: LibraryError['kind']): Promise<LibraryError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LibraryError);
  expect((err as LibraryError).kind).toBe(kind);
  return err as LibraryError;
}

for (const make of BACKENDS) {
  const backend = make();
  describe.skipIf(!backend.available)(`library repository on ${backend.name}`, () => {
    let repo: LibraryRepository;
    beforeAll(async () => {
      await backend.setup();
      repo = await backend.open();
    });
    afterAll(async () => {
      await repo?.close();
      await backend.teardown();
    });

    it('keeps every byte of a Latin-1 source exactly, including NUL, CR LF and 0xFF', async () => {
      const content = `uni_start_stream <00x>\r\n${ALL_BYTES}\r\n`;
      const form = await repo.create({ name: 'bytes', content });
      expect(form.content).toBe(content);
      expect(form.size).toBe(content.length);
      expect((await repo.get(form.id)).content).toBe(content);
      expect((await repo.version(form.id, 1)).content).toBe(content);
    });

    it('creates with metadata, and the name is unique per folder only', async () => {
      const a = await repo.create({ name: 'login', folder: 'screens/main', tags: ['ui', 'ui', 'auth'], is_favorite: true, content: 'x', message: 'first' });
      expect(a).toMatchObject({ name: 'login', folder: 'screens/main', tags: ['ui', 'auth'], is_favorite: true, version: 1 });
      await refused(repo.create({ name: 'login', folder: 'screens/main', content: 'y' }), 'name-taken');
      const b = await repo.create({ name: 'login', folder: 'screens/other', content: 'y' });
      expect(b.id).not.toBe(a.id);
      expect((await repo.findByName('screens/main', 'login'))?.id).toBe(a.id);
      expect(await repo.findByName('screens/main', 'nope')).toBeNull();
    });

    it('keeps every save as a version and opens any of them', async () => {
      const f = await repo.create({ name: 'history', content: 'v1' });
      const v2 = await repo.update(f.id, { content: 'v2', base_version: 1, message: 'second' });
      const v3 = await repo.update(f.id, { content: 'v3', base_version: 2 });
      expect([v2.version, v3.version]).toEqual([2, 3]);
      expect(v3.content).toBe('v3');
      const list = await repo.versions(f.id);
      expect(list.map((v) => [v.version, v.message, v.size])).toEqual([
        [3, null, 2],
        [2, 'second', 2],
        [1, null, 2],
      ]);
      expect((await repo.version(f.id, 2)).content).toBe('v2');
      await refused(repo.version(f.id, 9), 'not-found');
    });

    it('answers a save over a newer version with a conflict holding both versions, and stores nothing', async () => {
      const f = await repo.create({ name: 'conflict', content: 'base' });
      await repo.update(f.id, { content: 'tab A', base_version: 1 });
      const err = await refused(repo.update(f.id, { content: 'tab B', base_version: 1, message: 'from B' }), 'conflict');
      expect(err.conflict?.base).toBe(1);
      expect(err.conflict?.current).toMatchObject({ version: 2, content: 'tab A' });
      expect(err.conflict?.attempted).toEqual({ source: 'tab B', message: 'from B' });
      expect((await repo.get(f.id)).content).toBe('tab A');
      expect((await repo.versions(f.id)).length).toBe(2);
      await refused(repo.update(f.id, { content: 'future', base_version: 7 }), 'invalid');
    });

    it('renames, moves and tags without a new version; a rename onto a taken name is refused', async () => {
      const f = await repo.create({ name: 'meta', content: 'm' });
      await repo.create({ name: 'taken', content: 't' });
      const moved = await repo.update(f.id, { name: 'meta2', folder: 'moved', tags: ['x'] });
      expect(moved).toMatchObject({ name: 'meta2', folder: 'moved', tags: ['x'], version: 1 });
      await refused(repo.update(f.id, { name: 'taken', folder: '' }), 'name-taken');
    });

    it('restores an old version as a new one, guarded like a save', async () => {
      const f = await repo.create({ name: 'restore', content: 'one' });
      await repo.update(f.id, { content: 'two', base_version: 1 });
      const r = await repo.restore(f.id, 1, 2);
      expect(r).toMatchObject({ version: 3, content: 'one' });
      expect((await repo.version(f.id, 3)).message).toBe('restored version 1');
      await refused(repo.restore(f.id, 1, 2), 'conflict');
    });

    it('duplicates under a free name and deletes with the versions', async () => {
      const f = await repo.create({ name: 'dup', content: 'd1' });
      await repo.update(f.id, { content: 'd2', base_version: 1 });
      const c1 = await repo.duplicate(f.id);
      const c2 = await repo.duplicate(f.id);
      expect([c1.name, c2.name]).toEqual(['dup (copy)', 'dup (copy) (2)']);
      expect(c1).toMatchObject({ content: 'd2', version: 1 });
      await repo.delete(f.id);
      await refused(repo.get(f.id), 'not-found');
      await refused(repo.versions(f.id), 'not-found');
      await refused(repo.delete(f.id), 'not-found');
    });

    it('a delete hides the form everywhere; undelete brings it back with every version', async () => {
      const f = await repo.create({ name: 'soft', folder: 'trash', tags: ['gone'], content: 's1', message: 'first' });
      await repo.update(f.id, { content: 's2', base_version: 1, message: 'second' });
      await repo.update(f.id, { content: 's3', base_version: 2 });
      await repo.saveVariableSet(f.id, 'set', { A: 'a' });
      await repo.delete(f.id);
      await refused(repo.get(f.id), 'not-found');
      await refused(repo.versions(f.id), 'not-found');
      await refused(repo.version(f.id, 1), 'not-found');
      await refused(repo.variableSets(f.id), 'not-found');
      await refused(repo.delete(f.id), 'not-found');
      expect(await repo.findByName('trash', 'soft')).toBeNull();
      expect((await repo.list({ folder: 'trash' })).total).toBe(0);
      expect((await repo.list({ search: 'gone' })).files.map((x) => x.id)).not.toContain(f.id);
      expect((await repo.recent(50)).map((x) => x.id)).not.toContain(f.id);
      const exported: number[] = [];
      for await (const x of repo.all()) exported.push(x.id);
      expect(exported).not.toContain(f.id);
      // nothing can change a deleted form
      await refused(repo.update(f.id, { content: 'nope', base_version: 3 }), 'not-found');
      await refused(repo.update(f.id, { name: 'renamed' }), 'not-found');
      await refused(repo.setFavorite(f.id), 'not-found');
      await refused(repo.duplicate(f.id), 'not-found');
      await refused(repo.restore(f.id, 1, 3), 'not-found');
      await refused(repo.saveVariableSet(f.id, 'x', { A: 'b' }), 'not-found');
      await refused(repo.deleteVariableSet(f.id, 'set'), 'not-found');

      const back = await repo.undelete(f.id);
      expect(back).toMatchObject({ id: f.id, name: 'soft', folder: 'trash', tags: ['gone'], version: 3, content: 's3' });
      expect((await repo.versions(f.id)).map((v) => [v.version, v.message])).toEqual([
        [3, null],
        [2, 'second'],
        [1, 'first'],
      ]);
      expect((await repo.version(f.id, 1)).content).toBe('s1');
      expect((await repo.variableSets(f.id)).map((x) => x.name)).toEqual(['set']);
      expect((await repo.list({ folder: 'trash' })).files.map((x) => x.id)).toEqual([f.id]);
      // saving goes on from the newest version; a second undelete of a live form answers it unchanged
      expect((await repo.update(f.id, { content: 's4', base_version: 3 })).version).toBe(4);
      expect(await repo.undelete(f.id)).toMatchObject({ id: f.id, version: 4 });
      await refused(repo.undelete(999_999), 'not-found');
    });

    it("a new form may take a deleted form's name; undelete is then refused as name-taken and changes nothing", async () => {
      const old = await repo.create({ name: 'reused', folder: 'names', content: 'old' });
      await repo.delete(old.id);
      const fresh = await repo.create({ name: 'reused', folder: 'names', content: 'new' });
      const err = await refused(repo.undelete(old.id), 'name-taken');
      expect(err.field).toBe('name');
      expect(err.message).toContain(`form ${old.id} cannot come back as "reused"`);
      await refused(repo.get(old.id), 'not-found');
      expect((await repo.findByName('names', 'reused'))?.id).toBe(fresh.id);
      // a duplicate's free name and an import's rename look at live forms only
      await repo.delete(fresh.id);
      expect((await repo.importForms([{ name: 'reused', folder: 'names', content: 'imp' }]))[0]!.name).toBe('reused');
      const imported = (await repo.findByName('names', 'reused'))!;
      await repo.update(imported.id, { name: 'reused-imported' });
      expect(await repo.undelete(old.id)).toMatchObject({ id: old.id, name: 'reused', content: 'old' });
      // the name rule still holds among live forms
      await refused(repo.create({ name: 'reused', folder: 'names', content: 'again' }), 'name-taken');
    });

    it('purges a deleted form once it is older than the retention (a fake clock), never a live one', async () => {
      const keep = await repo.create({ name: 'purge-keep', content: 'k' });
      const gone = await repo.create({ name: 'purge-gone', content: 'g1' });
      await repo.update(gone.id, { content: 'g2', base_version: 1 });
      await repo.delete(gone.id);
      const day = 86_400_000;
      expect(await purgeExpired(repo, 30, new Date(Date.now() + 29 * day))).toBe(0);
      expect((await repo.undelete(gone.id)).version).toBe(2);
      await repo.delete(gone.id);
      expect(await purgeExpired(repo, 30, new Date(Date.now() + 31 * day))).toBeGreaterThanOrEqual(1);
      await refused(repo.undelete(gone.id), 'not-found');
      expect((await repo.get(keep.id)).content).toBe('k');
    });

    it('sets and flips the favourite flag; favorites_only lists only those', async () => {
      const f = await repo.create({ name: 'fav-me', folder: 'favs', content: 'f' });
      await repo.create({ name: 'not-fav', folder: 'favs', content: 'f' });
      expect((await repo.setFavorite(f.id)).is_favorite).toBe(true);
      expect((await repo.setFavorite(f.id, true)).is_favorite).toBe(true);
      const page = await repo.list({ folder: 'favs', favorites_only: true });
      expect(page.files.map((x) => x.name)).toEqual(['fav-me']);
      expect((await repo.setFavorite(f.id)).is_favorite).toBe(false);
    });

    it('searches names, tags and folders case-insensitively; % and _ are plain characters', async () => {
      await repo.create({ name: 'Buddy List', folder: 'search', tags: ['Social'], content: 's' });
      await repo.create({ name: '100% done_', folder: 'search', content: 's' });
      await repo.create({ name: 'other', folder: 'search', content: 's' });
      const names = async (search: string) => (await repo.list({ folder: 'search', search })).files.map((f) => f.name).sort();
      expect(await names('buddy')).toEqual(['Buddy List']);
      expect(await names('SOCIAL')).toEqual(['Buddy List']);
      expect(await names('%')).toEqual(['100% done_']);
      expect(await names('_')).toEqual(['100% done_']);
      expect(await names('zzz')).toEqual([]);
    });

    it('pages the listing, newest first, and recent is newest first', async () => {
      for (let i = 0; i < 7; i++) await repo.create({ name: `p${i}`, folder: 'paged', content: String(i) });
      const p1 = await repo.list({ folder: 'paged', page: 1, page_size: 3 });
      const p3 = await repo.list({ folder: 'paged', page: 3, page_size: 3 });
      expect(p1.total).toBe(7);
      expect(p1.files.map((f) => f.name)).toEqual(['p6', 'p5', 'p4']);
      expect(p3.files.map((f) => f.name)).toEqual(['p0']);
      const recent = await repo.recent(2);
      expect(recent.length).toBe(2);
      expect(recent[0]!.updated_at >= recent[1]!.updated_at).toBe(true);
      await refused(repo.list({ page_size: 100_000 }), 'invalid');
      await refused(repo.recent(0), 'invalid');
    });

    it('keeps variable sets per form', async () => {
      const f = await repo.create({ name: 'tmpl', content: '{{A}}' });
      await repo.saveVariableSet(f.id, 'alice', { A: 'Alice', B_DATA: 'x' });
      await repo.saveVariableSet(f.id, 'alice', { A: 'Alice 2' });
      await repo.saveVariableSet(f.id, 'bytes', { ART: [0, 255] });
      const sets = await repo.variableSets(f.id);
      expect(sets.map((s) => [s.name, s.variables])).toEqual([
        ['alice', { A: 'Alice 2' }],
        ['bytes', { ART: [0, 255] }],
      ]);
      await refused(repo.saveVariableSet(f.id, 'bad', { 'no-dash': 'x' }), 'invalid');
      await repo.deleteVariableSet(f.id, 'alice');
      expect((await repo.variableSets(f.id)).map((s) => s.name)).toEqual(['bytes']);
      await repo.delete(f.id);
      await refused(repo.variableSets(f.id), 'not-found');
    });

    it('refuses hostile names and sources with the field named', async () => {
      const bad = ['', ' ', 'a/b', 'a\\b', 'nul\u0000', 'tab\tname', 'x'.repeat(256), '..', ' lead'];
      for (const name of bad) expect((await refused(repo.create({ name, content: 'x' }), 'invalid')).field).toBe('name');
      expect((await refused(repo.create({ name: 'ok', folder: '../up', content: 'x' }), 'invalid')).field).toBe('folder');
      expect((await refused(repo.create({ name: 'ok', folder: '/abs', content: 'x' }), 'invalid')).field).toBe('folder');
      const wide = await refused(repo.create({ name: 'wide', content: 'ok\nso \u20ac' }), 'invalid');
      expect(wide.line).toBe(2);
      await refused(repo.create({ name: 'huge', content: 'x'.repeat(16 * 1024 * 1024 + 1) }), 'too-large');
      const html = await repo.create({ name: HTML_NAME, content: 'x' });
      expect((await repo.get(html.id)).name).toBe(HTML_NAME);
    });

    it('stores a 16 MB source and reads it back exactly', async () => {
      const big = ALL_BYTES.repeat(65536);
      expect(big.length).toBe(16 * 1024 * 1024);
      const f = await repo.create({ name: 'sixteen', content: big });
      const back = await repo.get(f.id);
      expect(back.size).toBe(big.length);
      expect(back.content === big).toBe(true);
    });

    it('imports a batch in one transaction, renaming taken names', async () => {
      await repo.create({ name: 'imp', folder: 'imports', content: 'old' });
      const out = await repo.importForms([
        { name: 'imp', folder: 'imports', content: 'new' },
        { name: 'fresh', folder: 'imports', content: 'f' },
      ]);
      expect(out.map((f) => f.name)).toEqual(['imp (2)', 'fresh']);
      // one bad entry: nothing of the batch is stored
      await refused(
        repo.importForms([
          { name: 'fine', folder: 'imports', content: 'x' },
          { name: 'bad/name', folder: 'imports', content: 'x' },
        ]),
        'invalid',
      );
      expect(await repo.findByName('imports', 'fine')).toBeNull();
    });
  });
}
