/**
 * The /files and /render routes through the app's route modules, over a real SQLite
 * library: shapes, conflicts, the token, and hostile input (HTML names, separators, 10 KB
 * names, NUL, 16 MB sources, cross-site posts, bodies that never end, 10⁴ forms in a folder).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteLibrary, type SqliteLibrary } from '@/lib/library/sqlite';
import { readWebBody, releaseHold } from '@/server/web/library-http';
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
import * as exportRoute from '@/app/files/export/route';
import * as importRoute from '@/app/files/import/route';
import * as renderRoute from '@/app/render/route';

const BASE = 'http://127.0.0.1';
const JSON_TYPE = { 'Content-Type': 'application/json' };
let dir: string;
let repo: SqliteLibrary;

function req(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Request {
  const raw = body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  return new Request(`${BASE}${pathname}`, { method, body: raw as BodyInit | undefined, headers: body === undefined ? headers : { ...JSON_TYPE, ...headers } });
}

const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

async function create(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return filesRoute.POST(req('POST', '/files', body, headers));
}

async function created(body: Record<string, unknown>) {
  const res = await create(body);
  expect(res.status).toBe(201);
  return (await res.json()).file as { id: number; version: number; name: string; content: string };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-routes-'));
  repo = await openSqliteLibrary(dir);
  useLibrary(repo);
});

afterAll(async () => {
  delete process.env.ATOMFORGE_LIBRARY_TOKEN;
  await repo.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('/files routes', () => {
  it('create, get, list, recent: the original shapes', async () => {
    const res = await create({ name: 'Login', folder: 'screens', tags: ['ui'], content: 'uni_start_stream <00x>\r\n\xe9' });
    expect(res.status).toBe(201);
    const { file } = await res.json();
    expect(res.headers.get('location')).toBe(`/files/${file.id}`);
    expect(file).toMatchObject({
      name: 'Login',
      folder: 'screens',
      tags: ['ui'],
      is_favorite: false,
      version: 1,
      content: 'uni_start_stream <00x>\r\n\xe9',
      size: 25,
    });
    const got = await (await fileRoute.GET(req('GET', `/files/${file.id}`), ctx({ id: String(file.id) }))).json();
    expect(got.file).toEqual(file);
    const raw = await fileRoute.GET(req('GET', `/files/${file.id}?format=raw`), ctx({ id: String(file.id) }));
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=iso-8859-1');
    expect(Buffer.from(await raw.arrayBuffer()).equals(Buffer.from('uni_start_stream <00x>\r\n\xe9', 'latin1'))).toBe(true);
    expect((await fileRoute.GET(req('GET', `/files/${file.id}?format=xml`), ctx({ id: String(file.id) }))).status).toBe(400);
    const list = await (await filesRoute.GET(req('GET', '/files?search=log&page=1&page_size=10'))).json();
    expect(list).toMatchObject({ success: true, total: 1, page: 1, page_size: 10 });
    expect(list.files[0]).not.toHaveProperty('content');
    const recent = await (await recentRoute.GET(req('GET', '/files/recent?limit=5'))).json();
    expect(recent.files[0].id).toBe(file.id);
    expect((await recentRoute.GET(req('GET', '/files/recent?limit=0'))).status).toBe(400);
    expect((await filesRoute.GET(req('GET', '/files?favorites_only=maybe'))).status).toBe(400);
  });

  it('a save over a newer version is a 409 with both versions; the newer one survives', async () => {
    const f = await created({ name: 'tabs', content: 'base' });
    const put = (body: unknown) => fileRoute.PUT(req('PUT', `/files/${f.id}`, body), ctx({ id: String(f.id) }));
    const a = await put({ content: 'from tab A', base_version: 1 });
    expect(a.status).toBe(200);
    const b = await put({ content: 'from tab B', base_version: 1 });
    expect(b.status).toBe(409);
    const body = await b.json();
    expect(body.success).toBe(false);
    expect(body.detail.status).toBe(409);
    expect(body.conflict).toMatchObject({ base_version: 1, current: { version: 2, content: 'from tab A' }, attempted: { source: 'from tab B' } });
    expect((await put({ content: 'no base' })).status).toBe(400);
    expect((await repo.get(f.id)).content).toBe('from tab A');
  });

  it('versions, one version, diff and restore', async () => {
    const f = await created({ name: 'hist', content: 'uni_start_stream <00x>\nuni_end_stream <00x>\n' });
    await fileRoute.PUT(
      req('PUT', `/files/${f.id}`, { content: 'uni_start_stream <01x>\nuni_end_stream <00x>\n', base_version: 1, message: 'one' }),
      ctx({ id: String(f.id) }),
    );
    const id = String(f.id);
    const versions = await (await versionsRoute.GET(req('GET', `/files/${id}/versions`), ctx({ id }))).json();
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await (await versionRoute.GET(req('GET', `/files/${id}/versions/1`), ctx({ id, n: '1' }))).json();
    expect(v1.version.content).toBe('uni_start_stream <00x>\nuni_end_stream <00x>\n');
    expect((await versionRoute.GET(req('GET', `/files/${id}/versions/9`), ctx({ id, n: '9' }))).status).toBe(404);
    expect((await versionRoute.GET(req('GET', `/files/${id}/versions/x`), ctx({ id, n: 'x' }))).status).toBe(404);
    const diff = await (await diffRoute.GET(req('GET', `/files/${id}/diff?from=1&to=2`), ctx({ id }))).json();
    expect(diff.lines).toMatchObject({ added: 1, removed: 1 });
    expect(diff.compiled).toMatchObject({ identical: false });
    expect(typeof diff.compiled.first_difference).toBe('number');
    expect((await diffRoute.GET(req('GET', `/files/${id}/diff`), ctx({ id }))).status).toBe(400);
    const restored = await restoreRoute.POST(req('POST', `/files/${id}/versions/1/restore`, { base_version: 2 }), ctx({ id, n: '1' }));
    expect(restored.status).toBe(201);
    expect((await restored.json()).file).toMatchObject({ version: 3, content: v1.version.content });
    expect((await restoreRoute.POST(req('POST', `/files/${id}/versions/1/restore`, { base_version: 2 }), ctx({ id, n: '1' }))).status).toBe(409);
  });

  it('duplicate, favourite, delete', async () => {
    const f = await created({ name: 'copyme', content: 'c' });
    const id = String(f.id);
    const dup = await duplicateRoute.POST(req('POST', `/files/${id}/duplicate`), ctx({ id }));
    expect(dup.status).toBe(201);
    expect((await dup.json()).file.name).toBe('copyme (copy)');
    const fav = await (await favoriteRoute.POST(req('POST', `/files/${id}/favorite`), ctx({ id }))).json();
    expect(fav.file.is_favorite).toBe(true);
    const unfav = await (await favoriteRoute.POST(req('POST', `/files/${id}/favorite`, { is_favorite: false }), ctx({ id }))).json();
    expect(unfav.file.is_favorite).toBe(false);
    expect((await fileRoute.DELETE(req('DELETE', `/files/${id}`), ctx({ id }))).status).toBe(200);
    expect((await fileRoute.GET(req('GET', `/files/${id}`), ctx({ id }))).status).toBe(404);
    expect((await fileRoute.DELETE(req('DELETE', `/files/${id}`), ctx({ id }))).status).toBe(404);
  });

  it('undelete brings a deleted form back with its history; a name taken meanwhile is a 409 Name Taken', async () => {
    const f = await created({ name: '<i onclick=x>undo &amp;', folder: 'trash', content: 'u1' });
    const id = String(f.id);
    expect((await fileRoute.PUT(req('PUT', `/files/${id}`, { content: 'u2', base_version: 1 }), ctx({ id }))).status).toBe(200);
    expect((await fileRoute.DELETE(req('DELETE', `/files/${id}`), ctx({ id }))).status).toBe(200);
    expect((await versionsRoute.GET(req('GET', `/files/${id}/versions`), ctx({ id }))).status).toBe(404);
    expect((await (await filesRoute.GET(req('GET', '/files?folder=trash'))).json()).total).toBe(0);
    const back = await undeleteRoute.POST(req('POST', `/files/${id}/undelete`), ctx({ id }));
    expect(back.status).toBe(200);
    expect((await back.json()).file).toMatchObject({ id: f.id, name: '<i onclick=x>undo &amp;', version: 2, content: 'u2' });
    const versions = await (await versionsRoute.GET(req('GET', `/files/${id}/versions`), ctx({ id }))).json();
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // undoing twice is harmless; a body field is refused; an unknown id is 404
    expect((await undeleteRoute.POST(req('POST', `/files/${id}/undelete`), ctx({ id }))).status).toBe(200);
    expect((await undeleteRoute.POST(req('POST', `/files/${id}/undelete`, { name: 'x' }), ctx({ id }))).status).toBe(400);
    expect((await undeleteRoute.POST(req('POST', '/files/987654/undelete'), ctx({ id: '987654' }))).status).toBe(404);

    expect((await fileRoute.DELETE(req('DELETE', `/files/${id}`), ctx({ id }))).status).toBe(200);
    const taker = await created({ name: '<i onclick=x>undo &amp;', folder: 'trash', content: 'new' });
    const refused = await undeleteRoute.POST(req('POST', `/files/${id}/undelete`), ctx({ id }));
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body).toMatchObject({ success: false, field: 'name', detail: { kind: 'Name Taken' } });
    expect(body.error).toContain(`form ${id} cannot come back as "<i onclick=x>undo &amp;"`);
    expect((await fileRoute.GET(req('GET', `/files/${taker.id}`), ctx({ id: String(taker.id) }))).status).toBe(200);
    expect((await fileRoute.GET(req('GET', `/files/${id}`), ctx({ id }))).status).toBe(404);
  });

  it('variable sets per form, and /render with form_id, variant and saved variables', async () => {
    const f = await created({ name: 'welcome', folder: 'tmpl', content: 'man_start_object <ind_group, "Hi {{USER}}">\n' });
    await created({ name: 'welcome.bw', folder: 'tmpl', content: 'bw {{USER}}\n' });
    const id = String(f.id);
    const saved = await variableSetRoute.PUT(req('PUT', `/files/${id}/variables/alice`, { variables: { USER: 'Al"ice' } }), ctx({ id, name: 'alice' }));
    expect(saved.status).toBe(200);
    const sets = await (await variablesRoute.GET(req('GET', `/files/${id}/variables`), ctx({ id }))).json();
    expect(sets.sets[0]).toMatchObject({ name: 'alice', variables: { USER: 'Al"ice' } });
    const render = (body: unknown) => renderRoute.POST(req('POST', '/render', body));
    const r = await (await render({ form_id: f.id, variables: sets.sets[0].variables })).json();
    expect(r).toMatchObject({ success: true, output: 'man_start_object <ind_group, "Hi Al\\x22ice">\n', used: ['USER'], unused: [], variant: 'default' });
    const bw = await (await render({ form_id: f.id, variables: { USER: 'x', SPARE: 'y' }, variant: 'bw' })).json();
    expect(bw).toMatchObject({ output: 'bw x\n', variant: 'bw', unused: ['SPARE'] });
    const missing = await render({ source: 'line one\nline {{TWO}}', variables: {} });
    expect(missing.status).toBe(400);
    const err = await missing.json();
    expect(err.detail.line).toBe(2);
    expect(err.error).toContain('TWO');
    expect((await render({ source: 'x', form_id: 1 })).status).toBe(400);
    expect((await render({ source: 'x', variant: 'sepia' })).status).toBe(400);
    expect((await renderRoute.POST(req('POST', '/render', 'source=x', { 'Content-Type': 'application/x-www-form-urlencoded' }))).status).toBe(415);
    expect((await variableSetRoute.DELETE(req('DELETE', `/files/${id}/variables/alice`), ctx({ id, name: 'alice' }))).status).toBe(200);
  });

  it('export and import the whole library as a zip', async () => {
    const res = await exportRoute.GET(req('GET', '/files/export'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = new Uint8Array(await res.arrayBuffer());
    expect(zip.byteLength).toBeGreaterThan(100);
    const before = (await repo.list({})).total;
    const imp = await importRoute.POST(new Request(`${BASE}/files/import`, { method: 'POST', body: zip, headers: { 'Content-Type': 'application/zip' } }));
    expect(imp.status).toBe(201);
    const report = await imp.json();
    expect(report.imported.length).toBe(before);
    expect((await repo.list({})).total).toBe(2 * before);
    expect((await importRoute.POST(new Request(`${BASE}/files/import`, { method: 'POST', body: zip, headers: { 'Content-Type': 'text/plain' } }))).status).toBe(
      415,
    );
    expect(
      (await importRoute.POST(new Request(`${BASE}/files/import`, { method: 'POST', body: 'PK', headers: { 'Content-Type': 'application/zip' } }))).status,
    ).toBe(400);
  });
});

describe('the library token and cross-site writes', () => {
  it('writes need the bearer token when ATOMFORGE_LIBRARY_TOKEN is set; reads do not', async () => {
    process.env.ATOMFORGE_LIBRARY_TOKEN = 'lib-secret';
    try {
      const res = await create({ name: 'tok', content: 'x' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect((await create({ name: 'tok', content: 'x' }, { Authorization: 'Bearer wrong' })).status).toBe(401);
      const made = await create({ name: 'tok', content: 'x' }, { Authorization: 'Bearer lib-secret' });
      expect(made.status).toBe(201);
      expect((await filesRoute.GET(req('GET', '/files'))).status).toBe(200);
      const id = String((await made.json()).file.id);
      expect((await fileRoute.DELETE(req('DELETE', `/files/${id}`), ctx({ id }))).status).toBe(401);
      expect((await fileRoute.DELETE(req('DELETE', `/files/${id}`, undefined, { Authorization: 'Bearer lib-secret' }), ctx({ id }))).status).toBe(200);
      expect((await undeleteRoute.POST(req('POST', `/files/${id}/undelete`), ctx({ id }))).status).toBe(401);
      expect((await undeleteRoute.POST(req('POST', `/files/${id}/undelete`, undefined, { Authorization: 'Bearer lib-secret' }), ctx({ id }))).status).toBe(200);
    } finally {
      delete process.env.ATOMFORGE_LIBRARY_TOKEN;
    }
  });

  it('refuses a form posted from another site', async () => {
    expect((await create({ name: 'csrf', content: 'x' }, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const f = await created({ name: 'csrf-target', content: 'x' });
    // a bodiless no-cors POST carries no media type, but its Origin gives it away
    const noCors = await favoriteRoute.POST(
      new Request(`${BASE}/files/${f.id}/favorite`, { method: 'POST', headers: { Origin: 'https://evil.example', Host: '127.0.0.1' } }),
      ctx({ id: String(f.id) }),
    );
    expect(noCors.status).toBe(403);
    const same = await favoriteRoute.POST(
      new Request(`${BASE}/files/${f.id}/favorite`, { method: 'POST', headers: { Origin: 'http://127.0.0.1:8000', Host: '127.0.0.1:8000' } }),
      ctx({ id: String(f.id) }),
    );
    expect(same.status).toBe(200);
    const form = await filesRoute.POST(
      new Request(`${BASE}/files`, { method: 'POST', body: 'name=x&content=y', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
    );
    expect(form.status).toBe(415);
    const text = await filesRoute.POST(
      new Request(`${BASE}/files`, { method: 'POST', body: '{"name":"x","content":"y"}', headers: { 'Content-Type': 'text/plain' } }),
    );
    expect(text.status).toBe(415);
  });
});

describe('hostile input', () => {
  it('names with HTML are kept as text; separators, NUL, controls and 10 KB names are 400s naming the field', async () => {
    const html = await created({ name: '<img src=x onerror=alert(1)>', content: 'x' });
    const raw = await (await fileRoute.GET(req('GET', `/files/${html.id}`), ctx({ id: String(html.id) }))).text();
    expect(raw).toContain('"name":"<img src=x onerror=alert(1)>"');
    expect((await fileRoute.GET(req('GET', `/files/${html.id}`), ctx({ id: String(html.id) }))).headers.get('content-type')).toContain('application/json');
    for (const name of ['a/b', 'a\\b', 'nul\u0000x', 'bell\u0007', 'x'.repeat(10 * 1024), '', ' ']) {
      const res = await create({ name, content: 'x' });
      expect(res.status, JSON.stringify(name.slice(0, 20))).toBe(400);
      const body = await res.json();
      expect(body.field).toBe('name');
      expect(JSON.stringify(body).length).toBeLessThan(2000);
    }
  });

  it('bodies: empty, a space, one byte, not an object, deep nesting, unknown fields', async () => {
    for (const body of ['', ' ', '{', '[]', '"x"', 'null', '['.repeat(100_000) + ']'.repeat(100_000)]) {
      const res = await filesRoute.POST(new Request(`${BASE}/files`, { method: 'POST', body, headers: JSON_TYPE }));
      expect(res.status, body.slice(0, 10)).toBe(400);
    }
    expect((await create({ name: 'x', content: 'y', admin: true })).status).toBe(400);
    expect((await create({ name: 'x', content: 5 })).status).toBe(400);
    expect((await create({ name: 'x', content: 'wide \u20ac' })).status).toBe(400);
    expect((await fileRoute.GET(req('GET', '/files/0'), ctx({ id: '0' }))).status).toBe(404);
    expect((await fileRoute.GET(req('GET', '/files/1e3'), ctx({ id: '1e3' }))).status).toBe(404);
    expect((await fileRoute.GET(req('GET', '/files/99999999999999999999'), ctx({ id: '99999999999999999999' }))).status).toBe(404);
  });

  it('a 16 MB source is stored; one byte more is a 413', async () => {
    const big = 'a'.repeat(16 * 1024 * 1024);
    const ok = await create({ name: 'sixteen', content: big });
    expect(ok.status).toBe(201);
    const over = await create({ name: 'too-big', content: `${big}b` });
    expect(over.status).toBe(413);
    const huge = await filesRoute.POST(
      new Request(`${BASE}/files`, { method: 'POST', body: 'x', headers: { ...JSON_TYPE, 'Content-Length': String(200 * 1024 * 1024) } }),
    );
    expect(huge.status).toBe(413);
  });

  it('a body that never ends is cut off', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([0x7b]));
      },
    });
    const request = new Request(`${BASE}/files`, { method: 'POST', body: stream, headers: JSON_TYPE, duplex: 'half' } as RequestInit);
    const err = await readWebBody(request, 1024, 200).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as { status?: number }).status).toBe(408);
  });

  it('bodies held at once past the budget get 503 with Retry-After, and the budget comes back', async () => {
    const body = () => new Request(`${BASE}/files`, { method: 'POST', body: 'x'.repeat(1000), headers: JSON_TYPE });
    const hold = { bytes: 0 };
    await readWebBody(body(), 10_000, 1000, 1500, hold);
    expect(hold.bytes).toBe(1000);
    const err = await readWebBody(body(), 10_000, 1000, 1500).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as { status?: number }).status).toBe(503);
    expect((err as { headers?: Record<string, string> }).headers?.['Retry-After']).toBe('2');
    releaseHold(hold);
    expect((await readWebBody(body(), 10_000, 1000, 1500)).byteLength).toBe(1000);
  });

  it('8 identical requests at once: one creates, seven get 409, nothing else', async () => {
    const statuses = await Promise.all(Array.from({ length: 8 }, () => create({ name: 'same-time', content: 'x' }).then((r) => r.status)));
    expect(statuses.sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });

  it('10⁴ forms in one folder: a page of the listing answers in under 100 ms', async () => {
    const forms = Array.from({ length: 10_000 }, (_, i) => ({
      name: `form ${String(i).padStart(5, '0')}`,
      folder: 'big',
      content: `uni_start_stream <00x>\n// ${i}\nuni_end_stream <00x>\n`,
    }));
    await repo.importForms(forms);
    const times: number[] = [];
    for (const query of [
      '/files?folder=big&page=1&page_size=50',
      '/files?folder=big&page=200&page_size=50',
      '/files?folder=big&search=form%2009&page_size=50',
      '/files?page=3',
    ]) {
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const res = await filesRoute.GET(req('GET', query));
        const body = await res.json();
        times.push(performance.now() - t0);
        expect(res.status).toBe(200);
        expect(body.files.length).toBeGreaterThan(0);
      }
    }
    const page = await (await filesRoute.GET(req('GET', '/files?folder=big&page=200&page_size=50'))).json();
    expect(page.total).toBe(10_000);
    expect(page.files.length).toBe(50);
    times.sort((a, b) => a - b);
    // the median of 12 listings; one slow outlier on a shared machine does not fail it
    console.log(`listing 10^4 forms: median ${times[6]!.toFixed(1)} ms, max ${times[11]!.toFixed(1)} ms`);
    expect(times[6]!).toBeLessThan(100);
  });
});
