/**
 * The compile routes take a template as /render does: {form_id | source, variables,
 * variant}. Rendered by the §7 conventions, then compiled through the pool; a missing
 * variable is a 400 naming it and its line; what was used and left unused is reported.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo';
import { renderTemplate } from '@/lib/library/templates';
import { openSqliteLibrary, type SqliteLibrary } from '@/lib/library/sqlite';
import { useLibrary } from '@/server/web/library-store';
import { useWebService } from '@/server/web/web-service';
import * as compileRoute from '@/app/compile/route';
import * as chunkRoute from '@/app/compile-chunk/route';
import { bytesOf, post, startTestService, type Started } from './support';

const TEMPLATE = 'uni_start_stream <00x>\n  man_set_context_relative <"{{TITLE}}">\n  man_append_data {{ART_DATA}}\nuni_end_stream\n';
const VARIABLES = { TITLE: 'Hi "you"\r\nthere', ART_DATA: 'ab\ncd', EXTRA: 'x' };

let started: Started;
let dir: string;
let repo: SqliteLibrary;

beforeAll(async () => {
  started = await startTestService({});
  useWebService(started.service);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-template-compile-'));
  repo = await openSqliteLibrary(dir);
  useLibrary(repo);
});

afterAll(async () => {
  await repo.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await started.stop();
});

const json = (body: unknown) => post('/compile', JSON.stringify(body), { 'Content-Type': 'application/json' });

describe('templates through /compile', () => {
  it('renders the variables by the conventions, compiles the result, and reports used and unused names', async () => {
    const res = await compileRoute.POST(json({ source: TEMPLATE, variables: VARIABLES }));
    expect(res.status).toBe(200);
    const expected = compile(renderTemplate(TEMPLATE, VARIABLES).output);
    expect(Buffer.from(await bytesOf(res)).equals(Buffer.from(expected))).toBe(true);
    expect(res.headers.get('x-template-used')).toBe('TITLE,ART_DATA');
    expect(res.headers.get('x-template-unused')).toBe('EXTRA');
  });

  it('a missing variable is a 400 naming it and its line', async () => {
    const res = await compileRoute.POST(json({ source: TEMPLATE, variables: { TITLE: 't' } }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatch(/ART_DATA at line 3/);
    expect(body.detail).toMatchObject({ status: 400, line: 3 });
  });

  it('compiles a saved form by id, picking its .bw variant when asked', async () => {
    const plain = await repo.create({ name: 'welcome', folder: 'forms', content: TEMPLATE });
    await repo.create({ name: 'welcome.bw', folder: 'forms', content: TEMPLATE.replace('00x', '01x') });
    const res = await compileRoute.POST(json({ form_id: plain.id, variables: VARIABLES, variant: 'bw' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-template-variant')).toBe('bw');
    const expected = compile(renderTemplate(TEMPLATE.replace('00x', '01x'), VARIABLES).output);
    expect(Buffer.from(await bytesOf(res)).equals(Buffer.from(expected))).toBe(true);
    expect((await compileRoute.POST(json({ form_id: 999_999, variables: {} }))).status).toBe(404);
  });

  it('/compile-chunk frames the rendered source and says which template it used', async () => {
    const res = await chunkRoute.POST(
      post('/compile-chunk', JSON.stringify({ source: TEMPLATE, variables: VARIABLES, stream_id: 99 }), { 'Content-Type': 'application/json' }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.template).toMatchObject({ used: ['TITLE', 'ART_DATA'], unused: ['EXTRA'], variant: 'default' });
    const payload = Buffer.concat((body.chunks as string[]).map((c) => Buffer.from(c, 'base64').subarray(4)));
    expect(payload.equals(Buffer.from(compile(renderTemplate(TEMPLATE, VARIABLES).output)))).toBe(true);
    const missing = await chunkRoute.POST(post('/compile-chunk', JSON.stringify({ source: TEMPLATE, variables: {} }), { 'Content-Type': 'application/json' }));
    expect(missing.status).toBe(400);
  });
});
