import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  EventLog,
  FakeClock,
  HistorySeries,
  TimedLatencyRing,
  RequestPlan,
  RoundRobin,
  backoffDelayMs,
  classifyAttempt,
  hedgeDelayMs,
} from '../../lib/pool';

describe('backoff', () => {
  it('doubles from 0.1 s and stays under its cap', () => {
    expect([0, 1, 2, 3].map((r) => backoffDelayMs(r))).toEqual([100, 200, 400, 800]);
    expect(backoffDelayMs(20)).toBe(3200);
  });
});

describe('circuit breaker', () => {
  it('opens at the threshold of consecutive failures, not before', () => {
    const b = new CircuitBreaker(3);
    expect(b.recordFailure()).toBeNull();
    expect(b.recordFailure()).toBeNull();
    expect(b.allowsRequests).toBe(true);
    expect(b.recordFailure()).toEqual({ from: 'closed', to: 'open' });
    expect(b.allowsRequests).toBe(false);
  });

  it('a success in between restarts the count', () => {
    const b = new CircuitBreaker(2);
    b.recordFailure();
    b.recordSuccess();
    expect(b.recordFailure()).toBeNull();
    expect(b.state).toBe('closed');
  });

  it('half-opens for a probe; a passed probe closes it, a failed one opens it again', () => {
    const b = new CircuitBreaker(1);
    b.recordFailure();
    expect(b.beginProbe()).toEqual({ from: 'open', to: 'half_open' });
    expect(b.allowsRequests).toBe(false);
    expect(b.probeFailed()).toEqual({ from: 'half_open', to: 'open' });
    b.beginProbe();
    expect(b.probePassed()).toEqual({ from: 'half_open', to: 'closed' });
    expect(b.consecutiveFailures).toBe(0);
    expect(b.beginProbe()).toBeNull();
  });

  it('manual reset closes an open breaker and reports whether it was open', () => {
    const b = new CircuitBreaker(1);
    expect(b.reset()).toBeNull();
    b.recordFailure();
    expect(b.reset()).toEqual({ from: 'open', to: 'closed' });
    expect(b.allowsRequests).toBe(true);
  });

  it('rejects a threshold below 1', () => {
    expect(() => new CircuitBreaker(0)).toThrow(/threshold/);
  });
});

describe('round-robin selection', () => {
  const items = ['a', 'b', 'c', 'd'].map((id) => ({ id, ok: true }));

  it('cycles through eligible items', () => {
    const rr = new RoundRobin();
    const picks = Array.from({ length: 8 }, () => rr.pick(items, (x) => x.ok)!.id);
    expect(picks).toEqual(['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd']);
  });

  it('skips ineligible items and returns null when none is eligible', () => {
    const rr = new RoundRobin();
    const mixed = items.map((x) => ({ ...x, ok: x.id !== 'b' && x.id !== 'c' }));
    expect(Array.from({ length: 4 }, () => rr.pick(mixed, (x) => x.ok)!.id)).toEqual(['a', 'd', 'a', 'd']);
    expect(rr.pick(items, () => false)).toBeNull();
    expect(rr.pick([], () => true)).toBeNull();
  });

  it('prefers items this request has not tried, falling back to tried ones', () => {
    const rr = new RoundRobin();
    expect(rr.pick(items, () => true, new Set(['a', 'b']))!.id).toBe('c');
    expect(rr.pick(items, (x) => x.id === 'a', new Set(['a']))!.id).toBe('a');
  });
});

describe('request plan (retry, input errors, poison)', () => {
  const input = classifyAttempt({ kind: 'answer', status: 400, body: new TextEncoder().encode('{"error":{"message":"x","code":"0x20008"}}') }, '/compile');
  it('answers successes and input errors at once', () => {
    expect(new RequestPlan(3).after({ verdict: 'success' })).toEqual({ action: 'respond' });
    expect(new RequestPlan(3).after(input)).toEqual({ action: 'respond' });
  });

  it('retries failures with backoff up to maxAttempts, then gives up', () => {
    const plan = new RequestPlan(3);
    expect(plan.after({ verdict: 'transport_failure', why: 'timed out' })).toEqual({ action: 'retry', delayMs: 100 });
    expect(plan.after({ verdict: 'engine_failure', why: 'HTTP 502' })).toEqual({ action: 'retry', delayMs: 200 });
    expect(plan.after({ verdict: 'transport_failure', why: 'reset' })).toEqual({ action: 'give_up' });
    expect(plan.attempts).toBe(3);
  });

  it('a busy daemon is retried on the next at once', () => {
    expect(new RequestPlan(3).after({ verdict: 'busy', why: 'busy' })).toEqual({ action: 'retry', delayMs: 0 });
  });

  it('after an engine crash the request gets one more attempt; a second crash is poison', () => {
    const plan = new RequestPlan(5);
    expect(plan.after({ verdict: 'engine_crash', why: 'died' }).action).toBe('retry');
    expect(plan.after({ verdict: 'engine_crash', why: 'died' })).toEqual({ action: 'poison' });
  });

  it('one crash then a plain failure gives up instead of trying more daemons', () => {
    const plan = new RequestPlan(5);
    plan.after({ verdict: 'engine_crash', why: 'crash' });
    expect(plan.after({ verdict: 'transport_failure', why: 'timed out' })).toEqual({ action: 'give_up' });
  });
});

describe('hedge deadline', () => {
  it('sits far above a healthy p99, within the failover promise for small bodies, and grows with the body', () => {
    expect(hedgeDelayMs(0, 100)).toBe(150);
    expect(hedgeDelayMs(10, 100)).toBe(150);
    expect(hedgeDelayMs(30, 0)).toBe(240);
    expect(hedgeDelayMs(1_000, 0)).toBe(350);
    expect(hedgeDelayMs(0, 10_000_000)).toBe(150 + 5_000);
    expect(hedgeDelayMs(Number.NaN, 0)).toBe(150);
  });
});

describe('latency window, history, event log', () => {
  it('percentiles cover only the recent window', () => {
    const clock = new FakeClock();
    const w = new TimedLatencyRing(clock, 100);
    for (let i = 1; i <= 100; i++) w.record(i);
    expect(w.summary()).toEqual({ p50: 50, p95: 95, p99: 99 });
    clock.advance(120_000);
    w.record(7);
    expect(w.summary(60_000)).toEqual({ p50: 7, p95: 7, p99: 7 });
  });

  it('history turns counters into per-interval rates and drops old points', () => {
    const clock = new FakeClock();
    const h = new HistorySeries(clock, 15 * 60_000);
    const reading = (requests: number, failures: number) => ({
      requests,
      failures,
      p95Ms: 3,
      healthy: 2,
      inFlight: 1,
      daemons: [{ id: 'daemon_0', requests, failures, p95Ms: 3, state: 'healthy' as const, rssBytes: 1000 }],
    });
    h.sample(reading(0, 0));
    clock.advance(5_000);
    const p = h.sample(reading(50, 2));
    expect(p.pool.requests_per_second).toBe(10);
    expect(p.pool.failures).toBe(2);
    expect(p.daemons.daemon_0).toEqual({ requests_per_second: 10, failures: 2, p95_ms: 3, state: 'healthy', rss_bytes: 1000 });
    expect(h.since().length).toBe(2);
    expect(h.since(p.time - 1).length).toBe(1);
    clock.advance(16 * 60_000);
    h.sample(reading(60, 2));
    expect(h.since().length).toBe(1);
  });

  it('event log is bounded and newest first', () => {
    const log = new EventLog(new FakeClock(), 3);
    for (let i = 0; i < 5; i++) log.add('crashed', `daemon_${i}`, `m${i}`);
    expect(log.latest(10).map((e) => e.message)).toEqual(['m4', 'm3', 'm2']);
    expect(log.latest(1)[0]!.daemon_id).toBe('daemon_4');
  });
});
