/**
 * Admin routes safe by default (issue 8, item 1), through a real server on loopback. The
 * service's local addresses are narrowed to 127.0.0.1 and "another machine" is a client
 * socket bound to 127.0.0.2. Every refused request must leave the pool as it was.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadWebSettings } from '@/lib/config';
import { useWebSettings } from '@/server/web/settings';
import { send, startRealServer, type RealServer } from './real-server';

const REMOTE = { localAddress: '127.0.0.2' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const TOKEN = 'admin-access-test-token';

let s: RealServer;

const settings = (env: Record<string, string> = {}) =>
  useWebSettings(loadWebSettings({ ATOMFORGE_LOCAL_ADDRESSES: '127.0.0.1', ATOMFORGE_BODY_TIMEOUT: '2', ...env }));
const poolSize = async () => (await send(s.port, 'GET', '/health/pool', null)).json().pool_size as number;
const breakersOpen = () => s.started.service.poolHealth().instances.filter((d) => d.circuit_breaker_open).length;

beforeAll(async () => {
  settings();
  s = await startRealServer({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '2' });
});

afterAll(async () => {
  useWebSettings(null);
  await s?.stop();
});

beforeEach(() => settings());

describe('without ATOMFORGE_ADMIN_TOKEN', () => {
  it('answers local clients (by the socket address)', async () => {
    const r = await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', JSON_TYPE);
    expect(r.status).toBe(200);
    expect(r.json().success).toBe(true);
  });

  it('refuses every other client with 403 naming ATOMFORGE_ADMIN_TOKEN, on every mutating route', async () => {
    for (const [path, body] of [
      ['/pool/reset-circuit-breakers', '{}'],
      ['/pool/resize', '{"size":1}'],
      ['/pool/rolling-restart', '{}'],
      ['/pool/daemons/daemon_0/restart', '{}'],
    ] as const) {
      const r = await send(s.port, 'POST', path, body, JSON_TYPE, REMOTE);
      expect(r.status, path).toBe(403);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      expect(r.json().error, path).toMatch(/ATOMFORGE_ADMIN_TOKEN/);
      expect(r.json().error).toMatch(/127\.0\.0\.2/);
    }
    expect(await poolSize()).toBe(2);
  });

  it('never believes the peer headers or X-Forwarded-For a client sends', async () => {
    const lies: Record<string, string>[] = [
      { 'X-Forwarded-For': '127.0.0.1' },
      { 'x-atomforge-peer': '127.0.0.1' },
      { 'x-atomforge-peer': '127.0.0.1', 'x-atomforge-peer-proof': 'guessed' },
      { 'X-Real-IP': '127.0.0.1', Forwarded: 'for=127.0.0.1' },
    ];
    for (const lie of lies) {
      const r = await send(s.port, 'POST', '/pool/resize', '{"size":1}', { ...JSON_TYPE, ...lie }, REMOTE);
      expect(r.status, JSON.stringify(lie)).toBe(403);
    }
    expect(await poolSize()).toBe(2);
  });

  it('believes X-Forwarded-For only from a configured trusted proxy', async () => {
    settings({ ATOMFORGE_TRUSTED_PROXIES: '127.0.0.2' });
    // the proxy forwards a local client: allowed; a remote one: refused
    const fromLocal = await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', { ...JSON_TYPE, 'X-Forwarded-For': '127.0.0.1' }, REMOTE);
    expect(fromLocal.status).toBe(200);
    const fromRemote = await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', { ...JSON_TYPE, 'X-Forwarded-For': '127.0.0.1, 10.1.2.3' }, REMOTE);
    expect(fromRemote.status).toBe(403);
    expect(fromRemote.json().error).toMatch(/10\.1\.2\.3/);
  });

  it('behind a trusted proxy, takes the forwarded host as the origin to match', async () => {
    settings({ ATOMFORGE_TRUSTED_PROXIES: '127.0.0.2' });
    const via = { ...JSON_TYPE, 'X-Forwarded-For': '127.0.0.1', 'X-Forwarded-Host': 'pool.example', Origin: 'https://pool.example' };
    expect((await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', via, REMOTE)).status).toBe(200);
    // the same header from a client that is not a trusted proxy counts for nothing
    settings();
    expect(
      (await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', { ...JSON_TYPE, 'X-Forwarded-Host': 'pool.example', Origin: 'https://pool.example' }))
        .status,
    ).toBe(403);
  });

  it('tells the dashboard whether this client may use the buttons, and why not', async () => {
    const local = (await send(s.port, 'GET', '/pool/status', null)).json().admin;
    expect(local).toEqual({ token_required: false, local_client: true, refused_because: null });
    const remote = (await send(s.port, 'GET', '/pool/status', null, {}, REMOTE)).json().admin;
    expect(remote.local_client).toBe(false);
    expect(remote.refused_because).toMatch(/ATOMFORGE_ADMIN_TOKEN/);
  });
});

describe('any setup: JSON only, same origin only', () => {
  it('refuses bodies that are not application/json with 415, even from a local client', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const r = await send(s.port, 'POST', '/pool/resize', '{"size":1}', type ? { 'Content-Type': type } : {});
      expect(r.status, type).toBe(415);
      expect(r.json().error).toMatch(/application\/json/);
    }
    expect(await poolSize()).toBe(2);
  });

  it('refuses requests that show another site (Origin, Sec-Fetch-Site) with 403', async () => {
    const host = `127.0.0.1:${s.port}`;
    for (const h of [
      { Origin: 'http://evil.example' } as Record<string, string>,
      { Origin: `http://127.0.0.1:${s.port + 1}` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const r = await send(s.port, 'POST', '/pool/resize', '{"size":1}', { ...JSON_TYPE, ...h });
      expect(r.status, JSON.stringify(h)).toBe(403);
      expect(r.json().error).toMatch(/another (site|origin)/);
    }
    // the dashboard itself: same origin
    const ok = await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', { ...JSON_TYPE, Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(ok.status).toBe(200);
    expect(await poolSize()).toBe(2);
  });

  it('refuses malformed and oversized admin bodies with 4xx JSON', async () => {
    for (const body of ['{', '[1]', '"x"', '{"size":'.repeat(100)]) {
      const r = await send(s.port, 'POST', '/pool/reset-circuit-breakers', body, JSON_TYPE);
      expect(r.status, body.slice(0, 20)).toBe(400);
    }
    const big = await send(s.port, 'POST', '/pool/reset-circuit-breakers', `{"x":"${'a'.repeat(10_000)}"}`, JSON_TYPE);
    expect(big.status).toBe(413);
    expect(breakersOpen()).toBe(0);
  });
});

describe('with ATOMFORGE_ADMIN_TOKEN', () => {
  it('needs the bearer token from every client, local or not, compared whatever its length', async () => {
    settings({ ATOMFORGE_ADMIN_TOKEN: TOKEN });
    for (const auth of ['', 'Bearer ', 'Bearer wrong', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN]) {
      for (const from of [{}, REMOTE]) {
        const r = await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', { ...JSON_TYPE, ...(auth ? { Authorization: auth } : {}) }, from);
        expect(r.status, `${auth} ${JSON.stringify(from)}`).toBe(401);
      }
    }
    const remote = await send(s.port, 'POST', '/pool/reset-circuit-breakers', '{}', { ...JSON_TYPE, Authorization: `Bearer ${TOKEN}` }, REMOTE);
    expect(remote.status).toBe(200);
    const status = (await send(s.port, 'GET', '/pool/status', null, {}, REMOTE)).json();
    expect(status.admin).toEqual({ token_required: true, local_client: false, refused_because: null });
    expect(status.admin_token_required).toBe(true);
  });

  it('still refuses other sites and non-JSON bodies, even with the token', async () => {
    settings({ ATOMFORGE_ADMIN_TOKEN: TOKEN });
    const auth = { Authorization: `Bearer ${TOKEN}` };
    expect((await send(s.port, 'POST', '/pool/resize', '{"size":1}', { ...auth, 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await send(s.port, 'POST', '/pool/resize', '{"size":1}', { ...auth, ...JSON_TYPE, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect(await poolSize()).toBe(2);
  });
});
