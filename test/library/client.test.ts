/**
 * The typed client against the real route modules (a fetch that dispatches to them, over
 * a real SQLite library): the editor's path of save → reopen → edit → a second tab's
 * conflict → history → diff → restore, delete and undelete with the history kept, the
 * library token asked for on 401 and sent on every change, and the template path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibraryClient } from '@/lib/library/client';
import { retryWithToken, type TokenKeeper } from '@/lib/ui/token-retry';
import { openSqliteLibrary, type SqliteLibrary } from '@/lib/library/sqlite';
import { useLibrary } from '@/server/web/library-store';
import * as filesRoute from '@/app/files/route';
import * as recentRoute from '@/app/files/recent/route';
import * as fileRoute from '@/app/files/[id]/route';
import * as duplicateRoute from '@/app/files/[id]/duplicate/route';
import * as undeleteRoute from '@/app/files/[id]/undelete/route';
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
  [/^\/files\/(\d+)\/undelete$/, ['id'], undeleteRoute],
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

  it('undelete after a delete brings back the same form with every version', async () => {
    const f = ok(await client.create({ name: 'undo-me', folder: 'c', content: 'u1' }));
    ok(await client.save(f.id, 'u2', 1, 'second'));
    ok(await client.remove(f.id));
    const back = ok(await client.undelete(f.id));
    expect(back).toMatchObject({ id: f.id, version: 2, content: 'u2' });
    expect(ok(await client.versions(f.id)).map((v) => v.message)).toEqual(['second', null]);
    ok(await client.remove(f.id));
    ok(await client.create({ name: 'undo-me', folder: 'c', content: 'taker' }));
    const taken = await client.undelete(f.id);
    expect(taken.ok === false && [taken.error.status, taken.error.kind, taken.field]).toEqual([409, 'Name Taken', 'name']);
  });

  it('with ATOMFORGE_LIBRARY_TOKEN set: reads need nothing, a change asks for the token once, then sends it every time', async () => {
    process.env.ATOMFORGE_LIBRARY_TOKEN = 'lib-secret';
    try {
      let kept: string | null = null;
      const reasons: string[] = [];
      const answers: (string | null)[] = ['wrong', 'lib-secret'];
      const keeper: TokenKeeper = {
        current: () => kept,
        keep: (t) => (kept = t),
        ask: async (reason) => {
          reasons.push(reason);
          return answers.shift() ?? null;
        },
      };
      const sent: (string | null)[] = [];
      const watched = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const r = new Request(input, init);
        if (r.method !== 'GET') sent.push(r.headers.get('authorization'));
        return dispatch(input, init);
      }) as typeof fetch;
      const browser = createLibraryClient({ base: 'http://127.0.0.1', fetch: watched, token: () => kept });
      expect(ok(await browser.list()).files.length).toBeGreaterThan(0);

      const made = ok(await retryWithToken(() => browser.create({ name: 'guarded', content: 'g' }), keeper, 'ATOMFORGE_LIBRARY_TOKEN'));
      expect(sent).toEqual([null, 'Bearer wrong', 'Bearer lib-secret']);
      expect(reasons[0]).toContain('needs the token');
      expect(reasons[1]).toContain('refused that token');
      expect(kept).toBe('lib-secret');

      // the kept token goes with every change, without asking again
      ok(await retryWithToken(() => browser.save(made.id, 'g2', 1), keeper, 'ATOMFORGE_LIBRARY_TOKEN'));
      ok(await retryWithToken(() => browser.remove(made.id), keeper, 'ATOMFORGE_LIBRARY_TOKEN'));
      expect(ok(await retryWithToken(() => browser.undelete(made.id), keeper, 'ATOMFORGE_LIBRARY_TOKEN')).version).toBe(2);
      expect(sent.slice(3)).toEqual(['Bearer lib-secret', 'Bearer lib-secret', 'Bearer lib-secret']);
      expect(reasons).toHaveLength(2);

      // cancelling the prompt answers the 401 and forgets the refused token
      kept = 'stale';
      const cancelled = await retryWithToken(() => browser.remove(made.id), keeper, 'ATOMFORGE_LIBRARY_TOKEN');
      expect(cancelled.ok === false && cancelled.error.status).toBe(401);
      expect(kept).toBeNull();
      expect(ok(await client.get(made.id)).version).toBe(2);
    } finally {
      delete process.env.ATOMFORGE_LIBRARY_TOKEN;
    }
  });

  it('asks for no token on other refusals (403 from another site, 409, 400)', async () => {
    let asked = 0;
    const keeper: TokenKeeper = { current: () => null, keep: () => undefined, ask: async () => (asked++, 'x') };
    const crossSite = createLibraryClient({
      base: 'http://127.0.0.1',
      fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
        dispatch(input, { ...init, headers: { ...init?.headers, 'Sec-Fetch-Site': 'cross-site' } })) as typeof fetch,
    });
    const refused = await retryWithToken(() => crossSite.create({ name: 'csrf', content: 'x' }), keeper, 'ATOMFORGE_LIBRARY_TOKEN');
    expect(refused.ok === false && refused.error.status).toBe(403);
    const bad = await retryWithToken(() => client.create({ name: 'a/b', content: 'x' }), keeper, 'ATOMFORGE_LIBRARY_TOKEN');
    expect(bad.ok === false && bad.error.status).toBe(400);
    expect(asked).toBe(0);
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
