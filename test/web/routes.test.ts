/**
 * The web app's REST routes, called through the app's route modules with Request objects,
 * against a real pool of built-in daemons on free loopback ports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile as compileLocal } from '@/lib/fdo';
import { bytesToLatin1, latin1ToBytes } from '@/lib/fdo/latin1';
import { EXAMPLES } from '@/lib/examples';
import { useWebService } from '@/server/web/web-service';
import { useWebSettings } from '@/server/web/settings';
import * as compileRoute from '@/app/compile/route';
import * as decompileRoute from '@/app/decompile/route';
import * as healthRoute from '@/app/health/route';
import * as poolHealthRoute from '@/app/health/pool/route';
import * as resetRoute from '@/app/pool/reset-circuit-breakers/route';
import * as restartRoute from '@/app/pool/daemons/[id]/restart/route';
import * as resizeRoute from '@/app/pool/resize/route';
import * as rollingRoute from '@/app/pool/rolling-restart/route';
import * as statusRoute from '@/app/pool/status/route';
import * as metricsRoute from '@/app/metrics/route';
import * as historyRoute from '@/app/api/history/route';
import * as eventsRoute from '@/app/api/events/route';
import * as examplesRoute from '@/app/examples/route';
import { bytesOf, get, post, startTestService, type Started } from './support';

const TOKEN = 'route-test-token';
const example = EXAMPLES[0]!;
const BROKEN = [
  'uni_start_stream <00x>',
  '  man_start_object <ind_group, "Broken">',
  '    mat_orientashun <vcf>',
  '  man_end_object',
  'uni_end_stream <00x>',
  '',
].join('\n');

let started: Started;

beforeAll(async () => {
  process.env.ATOMFORGE_ADMIN_TOKEN = TOKEN;
  useWebSettings(null);
  started = await startTestService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '2' });
  useWebService(started.service);
});

afterAll(async () => {
  delete process.env.ATOMFORGE_ADMIN_TOKEN;
  useWebSettings(null);
  await started?.stop();
});

const JSON_TYPE = { 'Content-Type': 'application/json' };
const restart = (id: string, headers: Record<string, string> = {}) =>
  restartRoute.POST(post(`/pool/daemons/${id}/restart`, '{}', { ...JSON_TYPE, ...headers }), { params: Promise.resolve({ id }) });

describe('GET /health and /health/pool', () => {
  it('reports the pool as healthy with the contract fields', async () => {
    const res = await healthRoute.GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ status: 'healthy', execution_mode: 'daemon_pool', pool: { enabled: true, size: 2, healthy_instances: 2, health_percentage: 100 } });
  });

  it('lists every instance and all four states', async () => {
    const body = await (await poolHealthRoute.GET(get('/health/pool'))).json();
    expect(body.pool_size).toBe(2);
    expect(Object.keys(body.instances_by_state).sort()).toEqual(['crashed', 'healthy', 'restarting', 'unhealthy']);
    expect(body.instances.map((d: { id: string }) => d.id)).toEqual(['daemon_0', 'daemon_1']);
    for (const key of ['total_requests', 'failed_requests', 'daemon_restarts', 'pool_health_percentage', 'instances_total', 'instances_healthy'])
      expect(typeof body[key]).toBe('number');
    expect(typeof body.instances[0].pid).toBe('number');
  });
});

describe('POST /compile', () => {
  it('compiles text/plain to the same bytes as the codec, with the size, time and daemon headers', async () => {
    const res = await compileRoute.POST(post('/compile', latin1ToBytes(example.source) as BodyInit, { 'Content-Type': 'text/plain' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = await bytesOf(res);
    expect(bytes).toEqual(compileLocal(example.source));
    expect(res.headers.get('x-output-size')).toBe(String(bytes.length));
    expect(res.headers.get('x-daemon-id')).toMatch(/^daemon_[01]$/);
    expect(Number(res.headers.get('x-compilation-time'))).toBeGreaterThanOrEqual(0);
  });

  it('compiles the JSON variant', async () => {
    const res = await compileRoute.POST(post('/compile', JSON.stringify({ source: example.source }), { 'Content-Type': 'application/json' }));
    expect(res.status).toBe(200);
    expect(await bytesOf(res)).toEqual(compileLocal(example.source));
    expect(Number(res.headers.get('x-output-size'))).toBeGreaterThan(0);
  });

  it('answers a syntax error with 400 and the normalized daemon error pointing at the line', async () => {
    for (const req of [
      post('/compile', BROKEN, { 'Content-Type': 'text/plain' }),
      post('/compile', JSON.stringify({ source: BROKEN }), { 'Content-Type': 'application/json' }),
    ]) {
      const res = await compileRoute.POST(req);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.success).toBe(false);
      expect(body.error).toContain('line 3');
      const n = body.daemon.normalized;
      expect(n.line).toBe(3);
      expect(n.kind).toBe('Unrecognized Atom');
      expect(n.column).toBeGreaterThanOrEqual(1);
      expect(n.column).toBeLessThanOrEqual('    mat_orientashun <vcf>'.length);
      expect(n.message.length).toBeGreaterThan(0);
      expect(Array.isArray(n.context)).toBe(true);
      expect(n).toHaveProperty('code');
      expect(n).toHaveProperty('hint');
    }
  });

  it('does not count a syntax error against the daemons', async () => {
    const before = (await (await poolHealthRoute.GET(get('/health/pool'))).json()).failed_requests;
    await compileRoute.POST(post('/compile', BROKEN, { 'Content-Type': 'text/plain' }));
    const after = await (await poolHealthRoute.GET(get('/health/pool'))).json();
    expect(after.failed_requests).toBe(before);
    expect(after.instances.every((d: { circuit_breaker_open: boolean }) => !d.circuit_breaker_open)).toBe(true);
  });

  it('refuses bad requests with clear 4xx JSON', async () => {
    const cases: [Request, number, RegExp][] = [
      [post('/compile', '{"source":', { 'Content-Type': 'application/json' }), 400, /not valid JSON/],
      [post('/compile', JSON.stringify({ text: 'x' }), { 'Content-Type': 'application/json' }), 400, /"source"/],
      [post('/compile', JSON.stringify(['x']), { 'Content-Type': 'application/json' }), 400, /JSON object/],
      [post('/compile', '', { 'Content-Type': 'text/plain' }), 400, /empty/],
      [post('/compile', 'uni_start_stream', { 'Content-Type': 'multipart/form-data; boundary=x' }), 415, /text\/plain/],
      [
        post('/compile', JSON.stringify({ source: 'uni_start_stream\nman_append_data <"20 €">\n' }), { 'Content-Type': 'application/json' }),
        400,
        /line 2, column 22/,
      ],
    ];
    for (const [req, status, message] of cases) {
      const res = await compileRoute.POST(req);
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.success).toBe(false);
      expect(body.error).toMatch(message);
    }
  });

  it('refuses bodies over 16 MB, declared or streamed, with 413', async () => {
    const declared = await compileRoute.POST(post('/compile', 'x', { 'Content-Type': 'text/plain', 'Content-Length': String(17 * 1024 * 1024) }));
    expect(declared.status).toBe(413);
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 17) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await compileRoute.POST(post('/compile', stream, { 'Content-Type': 'text/plain' }));
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toMatch(/16 MB/);
    expect(sent).toBeLessThanOrEqual(18);
  });
});

describe('POST /decompile', () => {
  const binary = () => compileLocal(example.source);

  it('decompiles octet-stream to text/plain', async () => {
    const res = await decompileRoute.POST(post('/decompile', binary() as BodyInit, { 'Content-Type': 'application/octet-stream' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(bytesToLatin1(await bytesOf(res))).toBe(example.source);
    expect(res.headers.get('x-daemon-id')).toMatch(/^daemon_/);
  });

  it('decompiles the JSON variant with sizes and time', async () => {
    const bin = binary();
    const res = await decompileRoute.POST(
      post('/decompile', JSON.stringify({ binary_data: Buffer.from(bin).toString('base64'), format: 'text' }), { 'Content-Type': 'application/json' }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ success: true, source: example.source, input_size: bin.length, output_size: example.source.length });
    expect(body.decompilation_time).toMatch(/^\d+\.\d{3}s$/);
  });

  it('refuses invalid base64, unknown formats, empty input and other content types', async () => {
    const cases: [Request, number, RegExp][] = [
      [post('/decompile', JSON.stringify({ binary_data: 'not base64!!' }), { 'Content-Type': 'application/json' }), 400, /base64/],
      [post('/decompile', JSON.stringify({ binary_data: 'AAE=', format: 'xml' }), { 'Content-Type': 'application/json' }), 400, /format/],
      [post('/decompile', JSON.stringify({ data: 'AAE=' }), { 'Content-Type': 'application/json' }), 400, /binary_data/],
      [post('/decompile', new Uint8Array(0) as BodyInit, { 'Content-Type': 'application/octet-stream' }), 400, /empty/],
      [post('/decompile', 'abc', { 'Content-Type': 'text/plain' }), 415, /octet-stream/],
    ];
    for (const [req, status, message] of cases) {
      const res = await decompileRoute.POST(req);
      expect(res.status).toBe(status);
      expect((await res.json()).error).toMatch(message);
    }
  });

  it('answers a stream cut short with a 4xx error JSON, not a crash', async () => {
    const bin = binary();
    const res = await decompileRoute.POST(post('/decompile', bin.subarray(0, 7) as BodyInit, { 'Content-Type': 'application/octet-stream' }));
    if (res.status === 200) {
      // a cut that falls on an atom boundary is still a valid stream
      expect((await res.text()).length).toBeGreaterThan(0);
    } else {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const body = await res.json();
      expect(body.success).toBe(false);
      expect(body.daemon.normalized.message.length).toBeGreaterThan(0);
    }
    const health = await (await healthRoute.GET()).json();
    expect(health.pool.healthy_instances).toBe(2);
  });
});

describe('admin routes', () => {
  it('require the bearer token when ATOMFORGE_ADMIN_TOKEN is set', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: TOKEN }] as Record<string, string>[]) {
      const res = await resetRoute.POST(post('/pool/reset-circuit-breakers', '{}', { ...JSON_TYPE, ...headers }));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await res.json()).error).toMatch(/admin token/);
    }
    expect((await restart('daemon_0')).status).toBe(401);
  });

  it('reset answers the contract shape', async () => {
    const res = await resetRoute.POST(post('/pool/reset-circuit-breakers', null, { ...JSON_TYPE, Authorization: `Bearer ${TOKEN}` }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, circuit_breakers_reset: 0, message: 'Reset circuit breakers for 0 instance(s)' });
  });

  it('restarts one daemon (a new process) and refuses unknown or malformed ids', async () => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const before = (await (await poolHealthRoute.GET(get('/health/pool'))).json()).instances[1];
    const res = await restart('daemon_1', auth);
    expect(res.status).toBe(200);
    expect((await res.json()).success).toBe(true);
    const after = (await (await poolHealthRoute.GET(get('/health/pool'))).json()).instances[1];
    expect(after.pid).not.toBe(before.pid);
    expect(after.state).toBe('healthy');
    expect((await restart('daemon_9', auth)).status).toBe(404);
    expect((await restart('../etc', auth)).status).toBe(400);
    // still serving after the restart
    const c = await compileRoute.POST(post('/compile', example.source, { 'Content-Type': 'text/plain' }));
    expect(c.status).toBe(200);
  });
});

describe('pool operations', () => {
  const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
  const instances = async () => (await (await poolHealthRoute.GET(get('/health/pool'))).json()).instances as { id: string; pid: number; state: string }[];

  it('resizes the pool down and up while it serves, and refuses bad sizes', async () => {
    expect((await resizeRoute.POST(post('/pool/resize', JSON.stringify({ size: 1 }), { 'Content-Type': 'application/json' }))).status).toBe(401);
    const down = await resizeRoute.POST(post('/pool/resize', JSON.stringify({ size: 1 }), auth));
    expect(down.status).toBe(200);
    expect((await down.json()).pool_size).toBe(1);
    expect((await instances()).map((d) => d.id)).toEqual(['daemon_0']);
    const up = await resizeRoute.POST(post('/pool/resize', JSON.stringify({ size: 2 }), auth));
    expect(up.status).toBe(200);
    expect((await instances()).map((d) => [d.id, d.state])).toEqual([
      ['daemon_0', 'healthy'],
      ['daemon_1', 'healthy'],
    ]);
    for (const body of ['{"size": 0}', '{"size": 10000}', '{"size": "2"}', 'two', '{}']) {
      const res = await resizeRoute.POST(post('/pool/resize', body, auth));
      expect(res.status, body).toBe(400);
      expect((await res.json()).error.length).toBeGreaterThan(0);
    }
  });

  it('restarts every daemon one at a time with a rolling restart', async () => {
    const before = await instances();
    const res = await rollingRoute.POST(post('/pool/rolling-restart', '{}', auth));
    expect(res.status).toBe(200);
    expect((await res.json()).restarted).toEqual(before.map((d) => d.id));
    const after = await instances();
    for (let i = 0; i < before.length; i++) {
      expect(after[i]!.pid).not.toBe(before[i]!.pid);
      expect(after[i]!.state).toBe('healthy');
    }
    const c = await compileRoute.POST(post('/compile', example.source, { 'Content-Type': 'text/plain' }));
    expect(c.status).toBe(200);
  });
});

describe('dashboard and monitoring routes', () => {
  it('GET /metrics answers Prometheus text', async () => {
    const res = await metricsRoute.GET(get('/metrics'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toMatch(/^# (HELP|TYPE) /m);
  });

  it('GET /pool/status bundles health, pool, history and events', async () => {
    const res = await statusRoute.GET(get('/pool/status'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.health.execution_mode).toBe('daemon_pool');
    expect(body.pool.instances).toHaveLength(2);
    expect(Array.isArray(body.history)).toBe(true);
    expect(body.events.some((e: { type: string }) => e.type === 'restarted' || e.type === 'started')).toBe(true);
    expect(body.admin_token_required).toBe(true);
    expect(typeof body.server_time).toBe('number');
  });

  it('history and events take since/limit and refuse bad values', async () => {
    expect((await historyRoute.GET(get('/api/history?since=0'))).status).toBe(200);
    expect(Array.isArray((await (await historyRoute.GET(get('/api/history'))).json()).history)).toBe(true);
    const events = await (await eventsRoute.GET(get('/api/events?limit=2'))).json();
    expect(events.events.length).toBeLessThanOrEqual(2);
    for (const [route, url] of [
      [historyRoute, '/api/history?since=yesterday'],
      [eventsRoute, '/api/events?limit=0'],
      [eventsRoute, '/api/events?limit=abc'],
      [statusRoute, '/pool/status?since=-1'],
    ] as const) {
      const res = await route.GET(get(url));
      expect(res.status).toBe(400);
      expect((await res.json()).success).toBe(false);
    }
  });

  it('GET /examples lists the example forms, each compiling with the service', async () => {
    const body = await (await examplesRoute.GET()).json();
    expect(body.examples.map((e: { id: string }) => e.id)).toEqual(EXAMPLES.map((e) => e.id));
    for (const ex of body.examples as { source: string }[]) {
      const res = await compileRoute.POST(post('/compile', JSON.stringify({ source: ex.source }), { 'Content-Type': 'application/json' }));
      expect(res.status).toBe(200);
    }
  });
});
