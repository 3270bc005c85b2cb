/**
 * Fuzzing through a real web server (issue 8, tests): 10,000 random and mutated bodies to
 * /compile and /decompile, raw and JSON, 8 at a time, against a pool of 3. No answer may
 * be a 5xx, take 5 s or more, or show a stack trace or a file path; afterwards every
 * daemon is healthy with its breaker closed and /health says healthy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo';
import { loadCorpus } from '../support/corpus';
import { randomInt, seededRandom } from '../support/random';
import { send, startRealServer, type RealServer } from './real-server';

const TOTAL = 10_000;
const CONCURRENCY = 8;
const SEED = 0x8f00d;

let s: RealServer;

beforeAll(async () => {
  s = await startRealServer({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '3', FDO_DAEMON_REQUEST_TIMEOUT: '5' });
});

afterAll(async () => {
  await s?.stop();
});

const rand = seededRandom(SEED);
const pick = <T>(xs: readonly T[]): T => xs[randomInt(rand, xs.length)]!;
const samples = loadCorpus('samples');
const texts = samples.map((p) => Buffer.from(p.text, 'latin1'));
const binaries = samples.map((p) => Buffer.from(p.binary));
const BLANKS = [' ', '\t', '\n', '\r\n', '   \n\t ', '\u00a0', '#', '\n\n\n'];

function randomBytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = randomInt(rand, 256);
  return b;
}

/** flips, inserts, deletes, truncates or splices a few bytes */
function mutate(src: Buffer): Buffer {
  let b = Buffer.from(src);
  const edits = 1 + randomInt(rand, 4);
  for (let e = 0; e < edits && b.length > 0; e++) {
    const at = randomInt(rand, b.length);
    switch (randomInt(rand, 6)) {
      case 0:
        b[at] = randomInt(rand, 256);
        break;
      case 1:
        b[at] = b[at]! ^ (1 << randomInt(rand, 8));
        break;
      case 2:
        b = b.subarray(0, at);
        break;
      case 3:
        b = Buffer.concat([b.subarray(0, at), randomBytes(1 + randomInt(rand, 8)), b.subarray(at)]);
        break;
      case 4:
        b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + randomInt(rand, 16)))]);
        break;
      case 5:
        b = Buffer.concat([b.subarray(0, at), pick(binaries).subarray(randomInt(rand, 64))]);
        break;
    }
  }
  return b;
}

interface Case {
  path: '/compile' | '/decompile';
  body: Buffer;
  type: string;
}

function jsonish(field: 'source' | 'binary_data', value: string): Buffer {
  switch (randomInt(rand, 6)) {
    case 0:
      return Buffer.from(JSON.stringify({ [field]: value }));
    case 1:
      return Buffer.from(JSON.stringify({ [field]: value }).slice(0, randomInt(rand, value.length + 12)));
    case 2:
      return Buffer.from(JSON.stringify({ [field]: randomInt(rand, 1000), format: pick(['text', 'xml', null]) }));
    case 3:
      return Buffer.from(`${'['.repeat(randomInt(rand, 200))}${JSON.stringify(value)}`);
    case 4:
      return mutate(Buffer.from(JSON.stringify({ [field]: value })));
    default:
      return Buffer.from(JSON.stringify({ [field]: value, extra: { a: [1, 2, { b: 'c' }] } }));
  }
}

function nextCase(): Case {
  const compileSide = rand() < 0.5;
  const r = randomInt(rand, 10);
  if (compileSide) {
    const source =
      r < 3
        ? mutate(pick(texts))
        : r < 5
          ? Buffer.from(pick(BLANKS).repeat(1 + randomInt(rand, 3)), 'latin1')
          : r < 7
            ? randomBytes(randomInt(rand, 600))
            : Buffer.from(pick(texts));
    if (rand() < 0.3)
      return { path: '/compile', type: 'application/json', body: jsonish('source', source.toString('latin1') + (rand() < 0.2 ? '\u20ac' : '')) };
    return { path: '/compile', type: pick(['text/plain', 'text/plain; charset=iso-8859-1', '', 'text/plain']), body: source };
  }
  const binary =
    r < 4
      ? mutate(pick(binaries))
      : r < 6
        ? randomBytes(randomInt(rand, 4) === 0 ? 1 : randomInt(rand, 400))
        : r < 7
          ? Buffer.from(compile(pick(texts)))
          : pick(binaries);
  if (rand() < 0.3)
    return { path: '/decompile', type: 'application/json', body: jsonish('binary_data', rand() < 0.2 ? binary.toString('latin1') : binary.toString('base64')) };
  return { path: '/decompile', type: pick(['application/octet-stream', '', 'application/octet-stream', 'image/png']), body: binary };
}

/** what no answer may show: stack frames, source or install paths, temp folders */
const LEAKS = /\n\s+at |\bat [\w.<>]+ \(|\/work\/|\/home\/|\/root\/|\/tmp\/|node_modules|\.tsx?:\d+|\.js:\d+|fdo_daemon_pool|atomforge-web-test/;

describe('fuzzing /compile and /decompile', () => {
  it(`${TOTAL} random and mutated bodies, ${CONCURRENCY} at a time: no 5xx, none slow, nothing leaked, the pool healthy`, async () => {
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    let slowest = 0;
    let done = 0;
    const worker = async () => {
      while (done < TOTAL) {
        done++;
        const c = nextCase();
        const headers: Record<string, string> = c.type ? { 'Content-Type': c.type } : {};
        let a;
        try {
          a = await send(s.port, 'POST', c.path, c.body, headers, { timeoutMs: 10_000 });
        } catch (err) {
          problems.push(`${c.path} ${c.type} ${c.body.length} B: no answer (${(err as Error).message})`);
          continue;
        }
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        slowest = Math.max(slowest, a.ms);
        const text = a.body.toString('latin1');
        if (a.status >= 500) problems.push(`${c.path} ${c.type} ${c.body.subarray(0, 24).toString('hex')}: HTTP ${a.status} ${text.slice(0, 200)}`);
        if (a.ms >= 5000) problems.push(`${c.path}: ${a.ms.toFixed(0)} ms`);
        if (a.status !== 200 && LEAKS.test(text)) problems.push(`${c.path}: leaks ${text.slice(0, 300)}`);
        if (a.status !== 200 && !/^application\/json/.test(String(a.headers['content-type'])))
          problems.push(`${c.path}: error answer not JSON (${a.headers['content-type']})`);
      }
    };
    const t0 = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const pool = s.started.service.poolHealth();
    const health = (await send(s.port, 'GET', '/health', null)).json();
    console.log(
      `fuzz: ${done} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, slowest ${slowest.toFixed(0)} ms, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
        `pool ${pool.instances.map((d) => `${d.id}:${d.state}/${d.circuit_breaker_state}`).join(' ')}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(pool.instances.every((d) => d.state === 'healthy' && !d.circuit_breaker_open)).toBe(true);
    expect(health.status).toBe('healthy');
    expect(health.pool.healthy_instances).toBe(3);
  }, 300_000);
});
