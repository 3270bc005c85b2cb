/** The daemon slot's life (lib/pool/slot-machine.ts), every transition, with a fake clock and no processes. */
import { describe, expect, it } from 'vitest';
import {
  FakeClock,
  createSlot,
  crashesInRow,
  isProbed,
  isSettled,
  nextRestartAt,
  publicState,
  restartDelayMs,
  takesRequests,
  transition,
  type RestartPolicy,
  type SlotInput,
  type SlotState,
  type Step,
} from '../../lib/pool';

const policy: RestartPolicy = { restartDelayMs: 2_000, maxRestartAttempts: 3, backoffCapMs: 60_000, stableAfterMs: 60_000, giveUp: false };

/** a slot driven by inputs on a fake clock, remembering every effect and event */
class Driver {
  readonly clock = new FakeClock();
  state: SlotState;
  readonly effects: Step['effects'] = [];
  readonly events: Step['events'] = [];

  constructor(readonly p: RestartPolicy = policy) {
    const first = createSlot(this.clock.now(), 'initial');
    this.state = first.state;
    this.effects.push(...first.effects);
  }

  feed(input: SlotInput): Step {
    const step = transition('daemon_0', this.state, input, this.clock.now(), this.p);
    this.state = step.state;
    this.effects.push(...step.effects);
    this.events.push(...step.events);
    return step;
  }

  /** fires the restart timer when it is due */
  fireTimer(): Step {
    const at = nextRestartAt(this.state);
    if (at === null) throw new Error(`no restart due in ${this.state.name}`);
    this.clock.advance(at - this.clock.now());
    return this.feed({ type: 'restart_due' });
  }
}

describe('slot machine: starting', () => {
  it('a new slot starts its first process; ready makes it running and healthy', () => {
    const d = new Driver();
    expect(d.state.name).toBe('starting');
    expect(d.effects).toEqual([{ type: 'spawn' }]);
    expect(publicState(d.state)).toBe('restarting');
    const step = d.feed({ type: 'ready' });
    expect(step.state).toMatchObject({ name: 'running', health: 'healthy', since: d.clock.now() });
    expect(step.events.map((e) => e.type)).toEqual(['started']);
    expect(takesRequests(d.state)).toBe(true);
    expect(isProbed(d.state)).toBe(true);
  });

  it('a failed start (or an exit before ready) is a crash with the short restart timer', () => {
    for (const input of [
      { type: 'start_failed', why: 'not ready after 30000 ms' },
      { type: 'exited', how: 'exit code 1' },
    ] as SlotInput[]) {
      const d = new Driver();
      const step = d.feed(input);
      expect(step.state).toMatchObject({ name: 'crashed', crashesInRow: 1, restartAt: d.clock.now() + 2_000 });
      expect(step.effects).toEqual([{ type: 'set_restart_timer', at: d.clock.now() + 2_000 }]);
      expect(step.events[0]!.type).toBe('restart_failed');
      expect(publicState(d.state)).toBe('crashed');
      expect(takesRequests(d.state)).toBe(false);
    }
  });

  it('an operator restart or a retire while starting drains the half-started process', () => {
    const a = new Driver();
    expect(a.feed({ type: 'operator_restart' }).state).toMatchObject({ name: 'draining', then: 'restart' });
    expect(a.effects.at(-1)).toEqual({ type: 'drain' });
    const b = new Driver();
    expect(b.feed({ type: 'retire' }).state).toMatchObject({ name: 'draining', then: 'retire' });
  });

  it('ignores inputs that make no sense while starting', () => {
    const d = new Driver();
    for (const input of [
      { type: 'health_passed' },
      { type: 'health_failed', why: 'x' },
      { type: 'attempt_failed', why: 'x' },
      { type: 'restart_due' },
      { type: 'stopped' },
    ] as SlotInput[]) {
      expect(d.feed(input)).toEqual({ state: d.state, effects: [], events: [] });
    }
    expect(d.state.name).toBe('starting');
  });
});

describe('slot machine: running', () => {
  function running(): Driver {
    const d = new Driver();
    d.feed({ type: 'ready' });
    return d;
  }

  it('health: a failed check or attempt makes it unhealthy once; a passed check heals it', () => {
    const d = running();
    expect(d.feed({ type: 'attempt_failed', why: 'timed out' }).events.map((e) => e.type)).toEqual(['unhealthy']);
    expect(d.feed({ type: 'health_failed', why: 'no answer' }).events).toEqual([]);
    expect(publicState(d.state)).toBe('unhealthy');
    expect(takesRequests(d.state)).toBe(false);
    expect(d.feed({ type: 'health_passed' }).events.map((e) => e.type)).toEqual(['healthy']);
    expect(d.feed({ type: 'health_passed' }).events).toEqual([]);
    expect(takesRequests(d.state)).toBe(true);
  });

  it('an exit is a crash: restart after RESTART_DELAY', () => {
    const d = running();
    d.clock.advance(1_000);
    const step = d.feed({ type: 'exited', how: 'signal SIGKILL' });
    expect(step.state).toMatchObject({ name: 'crashed', crashesInRow: 1 });
    expect(step.events[0]).toMatchObject({ type: 'crashed' });
    expect(step.events[0]!.message).toMatch(/SIGKILL.*restarting in 2\.0 s/);
    const again = d.fireTimer();
    expect(again.state).toMatchObject({ name: 'starting', reason: 'crash', crashesInRow: 1 });
    expect(again.effects).toEqual([{ type: 'spawn' }]);
    expect(again.events.map((e) => e.type)).toEqual(['restarting']);
    expect(d.feed({ type: 'ready' }).events.map((e) => e.type)).toEqual(['restarted']);
  });

  it('an operator restart drains it, then starts a new process with a clean count', () => {
    const d = running();
    expect(d.feed({ type: 'operator_restart' }).state).toMatchObject({ name: 'draining', then: 'restart' });
    expect(takesRequests(d.state)).toBe(false);
    expect(d.feed({ type: 'exited', how: 'SIGTERM' }).state.name).toBe('draining'); // the drain's own stop
    const step = d.feed({ type: 'stopped' });
    expect(step.state).toMatchObject({ name: 'starting', reason: 'operator', crashesInRow: 0 });
    expect(step.effects).toEqual([{ type: 'spawn' }]);
    expect(d.feed({ type: 'ready' }).events[0]!.message).toMatch(/by an operator/);
  });

  it('retire drains it, then it is retired for good', () => {
    const d = running();
    d.feed({ type: 'retire' });
    expect(d.feed({ type: 'stopped' }).state.name).toBe('retired');
    for (const input of [{ type: 'operator_restart' }, { type: 'restart_due' }, { type: 'ready' }] as SlotInput[])
      expect(d.feed(input).state.name).toBe('retired');
    expect(crashesInRow(d.state)).toBe(0);
  });

  it('a retire during a restart drain wins', () => {
    const d = running();
    d.feed({ type: 'operator_restart' });
    d.feed({ type: 'retire' });
    expect(d.feed({ type: 'stopped' }).state.name).toBe('retired');
  });
});

describe('slot machine: crash loops back off and never give up by default', () => {
  it('quick restarts up to MAX_RESTART_ATTEMPTS, then 2x, 4x … up to the cap', () => {
    const d = new Driver();
    d.feed({ type: 'ready' });
    const delays: number[] = [];
    const names: string[] = [];
    for (let i = 0; i < 10; i++) {
      d.clock.advance(500);
      d.feed({ type: 'exited', how: 'SIGKILL' });
      delays.push(nextRestartAt(d.state)! - d.clock.now());
      names.push(d.state.name);
      d.fireTimer();
      d.feed({ type: 'ready' });
    }
    expect(delays).toEqual([2_000, 2_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(names).toEqual([
      'crashed',
      'crashed',
      'crashed',
      'backing_off',
      'backing_off',
      'backing_off',
      'backing_off',
      'backing_off',
      'backing_off',
      'backing_off',
    ]);
    expect(d.events.filter((e) => e.type === 'gave_up')).toEqual([]);
  });

  it('failed restarts count as crashes in a row too', () => {
    const d = new Driver();
    d.feed({ type: 'start_failed', why: 'x' });
    d.fireTimer();
    d.feed({ type: 'start_failed', why: 'x' });
    d.fireTimer();
    d.feed({ type: 'start_failed', why: 'x' });
    d.fireTimer();
    expect(d.feed({ type: 'start_failed', why: 'x' }).state).toMatchObject({ name: 'backing_off', crashesInRow: 4 });
  });

  it('a daemon that stays up for STABLE_AFTER earns its quick restarts back', () => {
    const d = new Driver();
    d.feed({ type: 'ready' });
    for (let i = 0; i < 5; i++) {
      d.feed({ type: 'exited', how: 'x' });
      d.fireTimer();
      d.feed({ type: 'ready' });
    }
    d.clock.advance(59_999);
    expect(d.feed({ type: 'exited', how: 'x' }).state).toMatchObject({ name: 'backing_off', crashesInRow: 6 });
    d.fireTimer();
    d.feed({ type: 'ready' });
    d.clock.advance(60_000);
    expect(d.feed({ type: 'exited', how: 'x' }).state).toMatchObject({ name: 'crashed', crashesInRow: 1 });
  });

  it('an operator restart of a backing-off daemon starts it at once with a clean count', () => {
    const d = new Driver();
    for (let i = 0; i < 5; i++) {
      d.feed({ type: 'start_failed', why: 'x' });
      if (i < 4) d.fireTimer();
    }
    expect(d.state.name).toBe('backing_off');
    const step = d.feed({ type: 'operator_restart' });
    expect(step.state).toMatchObject({ name: 'starting', reason: 'operator', crashesInRow: 0 });
    expect(step.effects).toEqual([{ type: 'clear_restart_timer' }, { type: 'spawn' }]);
  });

  it('gives up only when configured; then only an operator brings it back', () => {
    const d = new Driver({ ...policy, giveUp: true });
    for (let i = 0; i < 3; i++) {
      d.feed({ type: 'start_failed', why: 'x' });
      d.fireTimer();
    }
    const step = d.feed({ type: 'start_failed', why: 'x' });
    expect(step.state).toMatchObject({ name: 'gave_up', crashesInRow: 4 });
    expect(step.events.map((e) => e.type)).toEqual(['restart_failed', 'gave_up']);
    expect(step.effects).toEqual([{ type: 'clear_restart_timer' }]);
    expect(nextRestartAt(d.state)).toBeNull();
    expect(d.feed({ type: 'restart_due' }).state.name).toBe('gave_up');
    expect(d.feed({ type: 'operator_restart' }).state).toMatchObject({ name: 'starting', crashesInRow: 0 });
  });

  it('a down slot retires at once, clearing its timer', () => {
    const d = new Driver();
    d.feed({ type: 'start_failed', why: 'x' });
    const step = d.feed({ type: 'retire' });
    expect(step.state.name).toBe('retired');
    expect(step.effects).toEqual([{ type: 'clear_restart_timer' }]);
  });

  it('settled states are the ones a start ends in', () => {
    const d = new Driver();
    expect(isSettled(d.state)).toBe(false);
    d.feed({ type: 'ready' });
    expect(isSettled(d.state)).toBe(true);
    d.feed({ type: 'operator_restart' });
    expect(isSettled(d.state)).toBe(false);
  });
});

describe('restart policy', () => {
  it('uses a one-second backoff base when RESTART_DELAY is 0, and the cap', () => {
    const p = { ...policy, restartDelayMs: 0, maxRestartAttempts: 1, backoffCapMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((n) => restartDelayMs(n, p))).toEqual([0, 2_000, 4_000, 5_000, 5_000]);
    expect(restartDelayMs(1_000, p)).toBe(5_000);
    expect(restartDelayMs(4, { ...p, giveUp: true })).toBeNull();
  });
});
