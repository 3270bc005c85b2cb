import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  EventLog,
  FakeClock,
  HistorySeries,
  LatencyWindow,
  RequestPlan,
  RestartBudget,
  RoundRobin,
  backoffDelayMs,
  classifyOutcome,
  isRoutable,
  nextState,
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

describe('restart budget', () => {
  it('allows maxAttempts restarts in a row, then refuses', () => {
    const clock = new FakeClock();
    const budget = new RestartBudget(2, 60_000, clock);
    expect(budget.canRestart()).toBe(true);
    budget.recordAttempt();
    budget.recordAttempt();
    expect(budget.canRestart()).toBe(false);
    expect(budget.remaining).toBe(0);
  });

  it('is earned back after running stable for stableAfter, not before', () => {
    const clock = new FakeClock();
    const budget = new RestartBudget(2, 60_000, clock);
    budget.recordAttempt();
    budget.recordAttempt();
    budget.markRunning();
    clock.advance(59_000);
    expect(budget.canRestart()).toBe(false);
    clock.advance(1_000);
    expect(budget.canRestart()).toBe(true);
    expect(budget.attemptsUsed).toBe(0);
  });

  it('a crash before stableAfter keeps the count', () => {
    const clock = new FakeClock();
    const budget = new RestartBudget(3, 60_000, clock);
    budget.recordAttempt();
    budget.markRunning();
    clock.advance(10_000);
    budget.markDown();
    clock.advance(120_000); // time while down earns nothing
    expect(budget.attemptsUsed).toBe(1);
  });

  it('an operator restore gives the full budget back', () => {
    const budget = new RestartBudget(1, 60_000, new FakeClock());
    budget.recordAttempt();
    budget.restore();
    expect(budget.canRestart()).toBe(true);
  });
});

describe('daemon state machine', () => {
  it('follows the documented transitions', () => {
    expect(nextState('crashed', 'spawn')).toBe('restarting');
    expect(nextState('restarting', 'ready')).toBe('healthy');
    expect(nextState('healthy', 'attempt_failed')).toBe('unhealthy');
    expect(nextState('healthy', 'health_failed')).toBe('unhealthy');
    expect(nextState('unhealthy', 'health_passed')).toBe('healthy');
    expect(nextState('healthy', 'exited')).toBe('crashed');
    expect(nextState('unhealthy', 'exited')).toBe('crashed');
    expect(nextState('restarting', 'exited')).toBe('crashed');
    expect(nextState('healthy', 'drain')).toBe('restarting');
  });

  it('ignores events that make no sense in a state', () => {
    expect(nextState('crashed', 'health_passed')).toBe('crashed');
    expect(nextState('restarting', 'health_passed')).toBe('restarting');
    expect(nextState('crashed', 'ready')).toBe('crashed');
    expect(nextState('unhealthy', 'ready')).toBe('unhealthy');
  });

  it('routes only to healthy daemons with a closed breaker that are not draining', () => {
    expect(isRoutable('healthy', 'closed', false)).toBe(true);
    expect(isRoutable('healthy', 'open', false)).toBe(false);
    expect(isRoutable('healthy', 'half_open', false)).toBe(false);
    expect(isRoutable('healthy', 'closed', true)).toBe(false);
    expect(isRoutable('unhealthy', 'closed', false)).toBe(false);
  });
});

describe('request plan (retry, 4xx, poison)', () => {
  it('answers successes and 4xx at once', () => {
    expect(new RequestPlan(3).after({ kind: 'answer', status: 200 })).toEqual({ action: 'respond' });
    expect(new RequestPlan(3).after({ kind: 'answer', status: 400 })).toEqual({ action: 'respond' });
    expect(classifyOutcome({ kind: 'answer', status: 422 })).toBe('client_error');
  });

  it('retries failures with backoff up to maxAttempts, then gives up', () => {
    const plan = new RequestPlan(3);
    expect(plan.after({ kind: 'timeout' })).toEqual({ action: 'retry', delayMs: 100 });
    expect(plan.after({ kind: 'answer', status: 502 })).toEqual({ action: 'retry', delayMs: 200 });
    expect(plan.after({ kind: 'connection', daemonDied: false })).toEqual({ action: 'give_up' });
    expect(plan.attempts).toBe(3);
  });

  it('after a daemon dies the request gets one more attempt; a second death is poison', () => {
    const plan = new RequestPlan(5);
    expect(plan.after({ kind: 'connection', daemonDied: true }).action).toBe('retry');
    expect(plan.after({ kind: 'connection', daemonDied: true })).toEqual({ action: 'poison' });
  });

  it('one death then a plain failure gives up instead of trying more daemons', () => {
    const plan = new RequestPlan(5);
    plan.after({ kind: 'answer', status: 500, engineCrashed: true });
    expect(plan.after({ kind: 'timeout' })).toEqual({ action: 'give_up' });
  });
});

describe('latency window, history, event log', () => {
  it('percentiles cover only the recent window', () => {
    const clock = new FakeClock();
    const w = new LatencyWindow(clock, 100);
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
