/**
 * The life of one daemon slot (daemon_i on port BASE_PORT + i) as one state machine.
 *
 * Each state is a variant carrying its own data; `transition` is the only way to change
 * it. It is pure: the caller passes the time, and gets back the new state, the effects to
 * carry out (spawn a process, drain it, set or clear the restart timer) and the events to
 * log. server/pool is the thin edge that feeds inputs in (a process became ready, exited,
 * a health check failed, a timer fired) and carries the effects out.
 *
 *   starting ──ready──▶ running(healthy ⇄ unhealthy)
 *      │                   │ exited
 *      │ start_failed      ▼
 *      └──────────▶ crashed (short delay) ─┐ restart_due
 *                   backing_off (2ⁿ delay) ─┴──────────▶ starting
 *                   gave_up (only when configured)
 *   running / starting ──operator_restart──▶ draining(then restart) ──stopped──▶ starting
 *   any ──retire──▶ draining(then retire) ──stopped──▶ retired
 *
 * Inputs that make no sense in a state leave it unchanged (a late health answer for a
 * daemon that has meanwhile crashed, an exit noticed while it is being drained).
 */
import type { DaemonState, PoolEventType, SlotLifecycle } from '../service/contract';
import { restartDelayMs, type RestartPolicy } from './restart-policy';

export type StartReason = 'initial' | 'crash' | 'operator' | 'grow';
export type Health = 'healthy' | 'unhealthy';

export type SlotState =
  | { name: 'starting'; since: number; reason: StartReason; crashesInRow: number }
  | { name: 'running'; since: number; health: Health; crashesInRow: number }
  | { name: 'draining'; since: number; then: 'restart' | 'retire'; crashesInRow: number }
  | { name: 'crashed'; at: number; restartAt: number; crashesInRow: number }
  | { name: 'backing_off'; at: number; restartAt: number; crashesInRow: number }
  | { name: 'gave_up'; at: number; crashesInRow: number }
  | { name: 'retired'; at: number };

export type SlotInput =
  | { type: 'ready' }
  | { type: 'start_failed'; why: string }
  | { type: 'exited'; how: string }
  | { type: 'health_passed' }
  | { type: 'health_failed'; why: string }
  | { type: 'attempt_failed'; why: string }
  | { type: 'restart_due' }
  | { type: 'operator_restart' }
  | { type: 'retire' }
  | { type: 'stopped' };

export type SlotEffect =
  | { type: 'spawn' } // start a process and report ready / start_failed / exited
  | { type: 'drain' } // take no new requests, let the in-flight ones finish, stop the process, report stopped
  | { type: 'set_restart_timer'; at: number }
  | { type: 'clear_restart_timer' };

export interface SlotEvent {
  type: PoolEventType;
  message: string;
}

export interface Step {
  state: SlotState;
  effects: SlotEffect[];
  events: SlotEvent[];
}

/** a new slot (the pool's start, or a grow) begins by starting its first process */
export function createSlot(now: number, reason: 'initial' | 'grow'): Step {
  return { state: { name: 'starting', since: now, reason, crashesInRow: 0 }, effects: [{ type: 'spawn' }], events: [] };
}

function stay(state: SlotState): Step {
  return { state, effects: [], events: [] };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** after a crash (or a failed start) numbered `crashesInRow`: wait, back off, or give up */
function afterCrash(id: string, now: number, crashesInRow: number, policy: RestartPolicy, what: string, type: 'crashed' | 'restart_failed'): Step {
  const delay = restartDelayMs(crashesInRow, policy);
  if (delay === null) {
    return {
      state: { name: 'gave_up', at: now, crashesInRow },
      effects: [{ type: 'clear_restart_timer' }],
      events: [
        { type, message: `${id} ${what}` },
        { type: 'gave_up', message: `${id} crashed ${crashesInRow} times in a row; it stays down until an operator restarts it (FDO_DAEMON_GIVE_UP=true)` },
      ],
    };
  }
  const restartAt = now + delay;
  const backingOff = crashesInRow > policy.maxRestartAttempts;
  return {
    state: backingOff ? { name: 'backing_off', at: now, restartAt, crashesInRow } : { name: 'crashed', at: now, restartAt, crashesInRow },
    effects: [{ type: 'set_restart_timer', at: restartAt }],
    events: [
      {
        type,
        message: `${id} ${what}; ${backingOff ? `backing off after ${crashesInRow} crashes in a row: ` : ''}restarting in ${seconds(delay)}`,
      },
    ],
  };
}

/** crashes counted so far, forgiven when the daemon had run stably for long enough */
function crashesBefore(state: SlotState & { crashesInRow: number }, now: number, policy: RestartPolicy): number {
  if (state.name === 'running' && now - state.since >= policy.stableAfterMs) return 0;
  return state.crashesInRow;
}

export function transition(id: string, state: SlotState, input: SlotInput, now: number, policy: RestartPolicy): Step {
  switch (state.name) {
    case 'starting':
      switch (input.type) {
        case 'ready': {
          const events: SlotEvent[] =
            state.reason === 'crash' || state.reason === 'operator'
              ? [{ type: 'restarted', message: `${id} restarted ${state.reason === 'crash' ? 'after a crash' : 'by an operator'}` }]
              : [{ type: 'started', message: `${id} started` }];
          return { state: { name: 'running', since: now, health: 'healthy', crashesInRow: state.crashesInRow }, effects: [], events };
        }
        case 'start_failed':
        case 'exited':
          return afterCrash(id, now, state.crashesInRow + 1, policy, `did not start: ${input.type === 'exited' ? input.how : input.why}`, 'restart_failed');
        case 'operator_restart':
          return { state: { name: 'draining', since: now, then: 'restart', crashesInRow: 0 }, effects: [{ type: 'drain' }], events: [] };
        case 'retire':
          return { state: { name: 'draining', since: now, then: 'retire', crashesInRow: state.crashesInRow }, effects: [{ type: 'drain' }], events: [] };
        default:
          return stay(state);
      }
    case 'running':
      switch (input.type) {
        case 'health_passed':
          if (state.health === 'healthy') return stay(state);
          return { state: { ...state, health: 'healthy' }, effects: [], events: [{ type: 'healthy', message: `${id} passed its health check` }] };
        case 'health_failed':
        case 'attempt_failed':
          if (state.health === 'unhealthy') return stay(state);
          return {
            state: { ...state, health: 'unhealthy' },
            effects: [],
            events: [{ type: 'unhealthy', message: `${id} marked unhealthy: ${input.why}` }],
          };
        case 'exited':
          return afterCrash(id, now, crashesBefore(state, now, policy) + 1, policy, `crashed (${input.how})`, 'crashed');
        case 'operator_restart':
          return {
            state: { name: 'draining', since: now, then: 'restart', crashesInRow: 0 },
            effects: [{ type: 'drain' }],
            events: [{ type: 'restarting', message: `operator restart of ${id}: draining its requests` }],
          };
        case 'retire':
          return { state: { name: 'draining', since: now, then: 'retire', crashesInRow: state.crashesInRow }, effects: [{ type: 'drain' }], events: [] };
        default:
          return stay(state);
      }
    case 'draining':
      if (input.type === 'stopped') {
        if (state.then === 'retire') return { state: { name: 'retired', at: now }, effects: [], events: [{ type: 'stopped', message: `${id} stopped` }] };
        return { state: { name: 'starting', since: now, reason: 'operator', crashesInRow: 0 }, effects: [{ type: 'spawn' }], events: [] };
      }
      if (input.type === 'retire' && state.then === 'restart') return stay({ ...state, then: 'retire' });
      return stay(state);
    case 'crashed':
    case 'backing_off':
    case 'gave_up':
      switch (input.type) {
        case 'restart_due':
          if (state.name === 'gave_up') return stay(state);
          return {
            state: { name: 'starting', since: now, reason: 'crash', crashesInRow: state.crashesInRow },
            effects: [{ type: 'spawn' }],
            events: [{ type: 'restarting', message: `restarting ${id} (crash ${state.crashesInRow} in a row)` }],
          };
        case 'operator_restart':
          return {
            state: { name: 'starting', since: now, reason: 'operator', crashesInRow: 0 },
            effects: [{ type: 'clear_restart_timer' }, { type: 'spawn' }],
            events: [{ type: 'restarting', message: `operator restart of ${id}` }],
          };
        case 'retire':
          return { state: { name: 'retired', at: now }, effects: [{ type: 'clear_restart_timer' }], events: [{ type: 'stopped', message: `${id} stopped` }] };
        default:
          return stay(state);
      }
    case 'retired':
      return stay(state);
  }
}

/** the public summary of pool-api.md's four states */
export function publicState(state: SlotState): DaemonState {
  switch (state.name) {
    case 'starting':
    case 'draining':
      return 'restarting';
    case 'running':
      return state.health;
    default:
      return 'crashed';
  }
}

export function lifecycleOf(state: SlotState): SlotLifecycle {
  return state.name;
}

/** may the pool send client requests to a slot in this state (its breaker decides too)? */
export function takesRequests(state: SlotState): boolean {
  return state.name === 'running' && state.health === 'healthy';
}

/** should the health loop probe a slot in this state? */
export function isProbed(state: SlotState): boolean {
  return state.name === 'running';
}

export function nextRestartAt(state: SlotState): number | null {
  return (state.name === 'crashed' || state.name === 'backing_off') && Number.isFinite(state.restartAt) ? state.restartAt : null;
}

export function crashesInRow(state: SlotState): number {
  return state.name === 'retired' ? 0 : state.crashesInRow;
}

/** a state the slot settles in after a start: running, or down with a timer (or for good) */
export function isSettled(state: SlotState): boolean {
  return state.name === 'running' || state.name === 'crashed' || state.name === 'backing_off' || state.name === 'gave_up' || state.name === 'retired';
}
