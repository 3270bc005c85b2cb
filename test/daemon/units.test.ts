/** The daemon's plain logic: command line, latency ring, error answers, the worker pool. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_ERROR_CODES, FdoError } from '@/lib/fdo/errors';
import { answer, type Codec } from '@/server/daemon/answers';
import { LatencyRing } from '@/server/daemon/latency';
import { DEFAULTS, parseOptions, UsageError } from '@/server/daemon/options';
import { DaemonStats } from '@/server/daemon/stats';
import { CodecWorkers } from '@/server/daemon/workers';

describe('parseOptions', () => {
  it('takes the reference flags and our limits', () => {
    const o = parseOptions(['--port', '9001', '--host', '0.0.0.0', '--threads', '4', '--quiet', '--verbose', '--max-body', '1mb', '--request-timeout=250']);
    expect(o).toMatchObject({ port: 9001, host: '0.0.0.0', threads: 4, quiet: true, verbose: true, maxBodyBytes: 1024 * 1024, requestTimeoutMs: 250 });
  });

  it('defaults to 127.0.0.1, 16 MB and a 10 s limit', () => {
    expect(parseOptions([])).toEqual({ ...DEFAULTS, help: false });
    expect(DEFAULTS).toMatchObject({ host: '127.0.0.1', maxBodyBytes: 16 * 1024 * 1024, requestTimeoutMs: 10_000 });
  });

  it('reads sizes in bytes, kb and mb', () => {
    expect(parseOptions(['--max-body', '123']).maxBodyBytes).toBe(123);
    expect(parseOptions(['--max-body', '64KB']).maxBodyBytes).toBe(65536);
    expect(parseOptions(['--offload-bytes', '2m']).offloadBytes).toBe(2 * 1024 * 1024);
  });

  it('rejects bad values with a usage error', () => {
    for (const bad of [
      ['--port'],
      ['--port', '70000'],
      ['--port', 'x'],
      ['--threads', '0'],
      ['--max-body', '-1'],
      ['--max-body', '0'],
      ['--bogus'],
      ['--host', ''],
    ]) {
      expect(() => parseOptions(bad), bad.join(' ')).toThrow(UsageError);
    }
  });
});

describe('LatencyRing', () => {
  it('summarises nearest-rank percentiles', () => {
    const r = new LatencyRing(100);
    for (let i = 1; i <= 100; i++) r.record(i);
    expect(r.summary()).toEqual({ p50: 50, p95: 95, p99: 99 });
  });

  it('keeps only the most recent samples', () => {
    const r = new LatencyRing(10);
    for (let i = 0; i < 1000; i++) r.record(1000);
    for (let i = 0; i < 10; i++) r.record(1);
    expect(r.size).toBe(10);
    expect(r.summary()).toEqual({ p50: 1, p95: 1, p99: 1 });
  });

  it('is all zeros when empty', () => {
    expect(new LatencyRing().summary()).toEqual({ p50: 0, p95: 0, p99: 0 });
  });
});

describe('DaemonStats', () => {
  it('counts successes, failures and in-flight requests, with uptime from the clock', () => {
    let now = 0;
    const s = new DaemonStats(() => now);
    s.begin('compile');
    s.begin('decompile');
    expect(s.snapshot().in_flight).toBe(2);
    s.end(200, 1);
    s.end(413, 1, true);
    now = 61_500;
    expect(s.snapshot()).toMatchObject({
      requests_processed: 2,
      successful_requests: 1,
      failed_requests: 1,
      uptime_seconds: 61,
      in_flight: 0,
      compile_requests: 1,
      decompile_requests: 1,
      rejected_requests: 1,
    });
  });
});

describe('answer', () => {
  const failing = (err: unknown): Codec => ({
    compile: () => {
      throw err;
    },
    decompile: () => {
      throw err;
    },
  });

  it('builds the reference message and code from the line and the kind, for every compile kind', () => {
    for (const [kind, code] of Object.entries(COMPILE_ERROR_CODES)) {
      const err = new FdoError({ kind: kind as keyof typeof COMPILE_ERROR_CODES, message: 'm', line: 3, column: 1 });
      const a = answer(failing(err), 'compile', Buffer.from('a\nb\nc'));
      const e = JSON.parse(Buffer.from(a.body).toString()).error;
      const rc = (3 << 16) | code;
      expect(a.status).toBe(400);
      expect(e.code).toBe(`0x${rc.toString(16)}`);
      expect(e.code).toBe(`0x${err.referenceCode!.toString(16)}`);
      expect(e.message).toBe(`Ada32 error rc=0x${rc.toString(16)} (${rc}): ${kind}`);
      expect(e.context).toEqual(['    1 | a', '    2 | b', '>>  3 | c']);
    }
  });

  it('answers decompile errors with 422 and the offset', () => {
    const a = answer(failing(new FdoError({ kind: 'Truncated Atom', message: 'atom at offset 7 is cut short', offset: 7 })), 'decompile', Buffer.from([1]));
    expect(a.status).toBe(422);
    expect(JSON.parse(Buffer.from(a.body).toString()).error).toMatchObject({ message: 'atom at offset 7 is cut short', offset: 7, code: '0x40' });
  });

  it('uses the reference message for decompile errors of a reference kind', () => {
    const a = answer(failing(new FdoError({ kind: 'Bad Orientation Format', message: 'orientation byte 0x99', offset: 2 })), 'decompile', Buffer.from([1]));
    expect(JSON.parse(Buffer.from(a.body).toString()).error).toMatchObject({
      message: 'Ada32 error rc=0xd (13): Bad Orientation Format',
      code: '0xd',
      offset: 2,
    });
  });

  it('reports other exceptions to the callback and answers 500 without their text', () => {
    const seen: unknown[] = [];
    const a = answer(failing(new Error('private')), 'compile', Buffer.from('x'), (e) => seen.push(e));
    expect(a.status).toBe(500);
    expect(Buffer.from(a.body).toString()).not.toContain('private');
    expect(seen).toHaveLength(1);
  });
});

describe('CodecWorkers', () => {
  const script = path.join(__dirname, 'fixtures', 'echo-worker.cjs');

  it('runs jobs in a worker and returns their answers', async () => {
    const w = new CodecWorkers(script, 2);
    try {
      const results = await Promise.all(['a', 'b', 'c'].map((t) => w.run('compile', Buffer.from(t), { timeoutMs: 10_000 })));
      expect(results.map((r) => (r.kind === 'answer' ? Buffer.from(r.answer.body).toString() : r.kind))).toEqual(['A', 'B', 'C']);
    } finally {
      await w.close();
    }
  });

  it('terminates a runaway job at its deadline and serves the next job with a fresh worker', async () => {
    const w = new CodecWorkers(script, 1);
    try {
      const spin = w.run('compile', Buffer.from('spin'), { timeoutMs: 300 });
      const next = w.run('compile', Buffer.from('after'), { timeoutMs: 20_000 });
      expect((await spin).kind).toBe('timeout');
      const r = await next;
      expect(r.kind === 'answer' && Buffer.from(r.answer.body).toString()).toBe('AFTER');
    } finally {
      await w.close();
    }
  });

  it('reports a worker that dies as crashed and keeps working', async () => {
    const log: string[] = [];
    const w = new CodecWorkers(script, 1, (m) => log.push(m));
    try {
      expect((await w.run('decompile', Buffer.from('die'), { timeoutMs: 10_000 })).kind).toBe('crashed');
      const r = await w.run('decompile', Buffer.from('ok'), { timeoutMs: 10_000 });
      expect(r.kind === 'answer' && Buffer.from(r.answer.body).toString()).toBe('OK');
      expect(log.join()).toContain('exited');
    } finally {
      await w.close();
    }
  });

  it('cancels queued and running jobs when their client goes away', async () => {
    const w = new CodecWorkers(script, 1);
    try {
      const ac = new AbortController();
      const spin = w.run('compile', Buffer.from('spin'), { timeoutMs: 20_000, signal: ac.signal });
      const queued = w.run('compile', Buffer.from('q'), { timeoutMs: 20_000, signal: ac.signal });
      expect(w.status()).toEqual({ threads: 1, busy: 1, queued: 1 });
      ac.abort();
      expect([(await spin).kind, (await queued).kind]).toEqual(['cancelled', 'cancelled']);
      const r = await w.run('compile', Buffer.from('z'), { timeoutMs: 10_000 });
      expect(r.kind === 'answer' && Buffer.from(r.answer.body).toString()).toBe('Z');
    } finally {
      await w.close();
    }
  });
});
