/**
 * The typed client against the real route modules (a fetch that dispatches to them, over
 * a real SQLite library): the editor's path of save → reopen → edit → a second tab's
 * conflict → history → diff → restore, and the template path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibraryClient } from '@/lib/library/client';
import { openSqliteLibrary, type SqliteLibrary } from '@/lib/library/sqlite';
import { useLibrary } from '@/server/web/library-store';
import * as filesRoute from '@/app/files/route';
import * as recentRoute from '@/app/files/recent/route';
import * as fileRoute from '@/app/files/[id]/route';
import * as duplicateRoute from '@/app/files/[id]/duplicate/route';
import * as favoriteRoute from '@/app/files/[id]/favorite/route';
import * as versionsRoute from '@/app/files/[id]/versions/route';
import * as versionRoute from '@/app/files/[id]/versions/[n]/route';
import * as restoreRoute from '@/app/files/[id]/versions/[n]/restore/route';
import * as diffRoute from '@/app/files/[id]/diff/route';
import * as variablesRoute from '@/app/files/[id]/variables/route';
import * as variableSetRoute from '@/app/files/[id]/variables/[name]/route';
import * as renderRoute from '@/app/render/route';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: [RegExp, string[], Record<string, Handler | undefined>][] = [
  [/^\/files$/, [], filesRoute],
  [/^\/files\/recent$/, [], recentRoute],
  [/^\/files\/(\d+)$/, ['id'], fileRoute],
  [/^\/files\/(\d+)\/duplicate$/, ['id'], duplicateRoute],
  [/^\/files\/(\d+)\/favorite$/, ['id'], favoriteRoute],
  [/^\/files\/(\d+)\/versions$/, ['id'], versionsRoute],
  [/^\/files\/(\d+)\/versions\/(\d+)$/, ['id', 'n'], versionRoute],
  [/^\/files\/(\d+)\/versions\/(\d+)\/restore$/, ['id', 'n'], restoreRoute],
  [/^\/files\/(\d+)\/diff$/, ['id'], diffRoute],
  [/^\/files\/(\d+)\/variables$/, ['id'], variablesRoute],
  [/^\/files\/(\d+)\/variables\/([^/]+)$/, ['id', 'name'], variableSetRoute],
  [/^\/render$/, [], renderRoute],
] as unknown as [RegExp, string[], Record<string, Handler | undefined>][];

/** Next's router in miniature: the path picks the module, the method its handler */
const dispatch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  for (const [pattern, names, module] of ROUTES) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    const handler = module[request.method];
    if (!handler) return new Response('{"error":"method"}', { status: 405 });
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    return handler(request, { params: Promise.resolve(params) });
  }
  return new Response('{"error":"no route"}', { status: 404 });
}) as typeof fetch;

let dir: string;
let repo: SqliteLibrary;
const client = createLibraryClient({ base: 'http://127.0.0.1', fetch: dispatch });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-client-'));
  repo = await openSqliteLibrary(dir);
  useLibrary(repo);
});
afterAll(async () => {
  await repo.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.error.message}`);
  return r.value;
}

describe('library client', () => {
  it('save → reopen → edit → conflict from a second tab → history → diff → restore', async () => {
    const v1 = 'uni_start_stream <00x>\n  man_start_object <ind_group, "One">\n  man_end_object\nuni_end_stream <00x>\n';
    const form = ok(await client.create({ name: 'Welcome \xe9', folder: 'screens', content: v1 }));
    const tabA = ok(await client.get(form.id));
    const tabB = ok(await client.get(form.id));
    const v2 = v1.replace('"One"', '"Two"');
    const savedA = ok(await client.save(form.id, v2, tabA.version, 'tab A'));
    expect(savedA.version).toBe(2);
    const refused = await client.save(form.id, v1.replace('"One"', '"Bee"'), tabB.version);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.status).toBe(409);
    expect(refused.conflict).toMatchObject({ base_version: 1, current: { version: 2, content: v2 } });
    const history = ok(await client.versions(form.id));
    expect(history.map((v) => [v.version, v.message])).toEqual([
      [2, 'tab A'],
      [1, null],
    ]);
    const diff = ok(await client.diff(form.id, 1, 2));
    expect(diff.lines.ops.filter((o) => o.op !== 'equal')).toEqual([
      { op: 'remove', old_line: 2, text: '  man_start_object <ind_group, "One">' },
      { op: 'add', new_line: 2, text: '  man_start_object <ind_group, "Two">' },
    ]);
    expect(diff.compiled.identical).toBe(false);
    const restored = ok(await client.restore(form.id, 1, 2));
    expect(restored).toMatchObject({ version: 3, content: v1 });
    expect(ok(await client.version(form.id, 3)).message).toBe('restored version 1');
    expect(ok(await client.recent(1))[0]!.id).toBe(form.id);
  });

  it('lists, favourites, duplicates, renames and deletes', async () => {
    const f = ok(await client.create({ name: 'list-me', folder: 'c', content: 'x' }));
    expect(ok(await client.favorite(f.id)).is_favorite).toBe(true);
    expect(ok(await client.list({ folder: 'c', favorites_only: true })).files.map((x) => x.name)).toEqual(['list-me']);
    expect(ok(await client.duplicate(f.id)).name).toBe('list-me (copy)');
    expect(ok(await client.update(f.id, { name: 'renamed' })).name).toBe('renamed');
    const bad = await client.update(f.id, { name: 'a/b' });
    expect(bad.ok === false && bad.field).toBe('name');
    expect(ok(await client.remove(f.id))).toBe(true);
    const gone = await client.get(f.id);
    expect(gone.ok === false && gone.error.status).toBe(404);
  });

  it('renders a template with a saved variable set', async () => {
    const f = ok(await client.create({ name: 'tmpl', content: 'man_set_data <"{{WHO}}">\n{{ART}}\n' }));
    ok(await client.saveVariableSet(f.id, 'guest one', { WHO: 'G "1"', ART: [1, 2] }));
    const sets = ok(await client.variableSets(f.id));
    expect(sets.map((s) => s.name)).toEqual(['guest one']);
    const r = ok(await client.render({ form_id: f.id }, sets[0]!.variables));
    expect(r.output).toBe('man_set_data <"G \\x221\\x22">\n01x,02x\n');
    const missing = await client.render({ source: 'a\n{{NOPE}}' }, {});
    expect(missing.ok === false && missing.error.line).toBe(2);
  });

  it('answers an unreachable service as a result, not a throw', async () => {
    const down = createLibraryClient({ base: 'http://127.0.0.1:1', fetch: (() => Promise.reject(new Error('ECONNREFUSED'))) as typeof fetch });
    const r = await down.list();
    expect(r.ok === false && r.error.kind).toBe('Unreachable');
  });
});
