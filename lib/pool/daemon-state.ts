/**
 * The life of one daemon as a state machine over the four states of pool-api.md:
 * restarting (being started) → healthy ⇄ unhealthy, and crashed when its process is gone.
 * Events that make no sense in a state leave it unchanged (e.g. a late health answer for
 * a daemon that has meanwhile crashed).
 */
import type { BreakerState, DaemonState } from '../service/contract';

export type DaemonEvent =
  | 'spawn' // a process is being started for it
  | 'ready' // its process printed the ready line or answered /health
  | 'health_passed'
  | 'health_failed'
  | 'attempt_failed' // a request attempt failed (connection error, timeout, 5xx)
  | 'exited' // its process is gone
  | 'drain'; // an operator restart or shrink takes it out of rotation

const TABLE: Record<DaemonState, Partial<Record<DaemonEvent, DaemonState>>> = {
  restarting: { ready: 'healthy', exited: 'crashed', spawn: 'restarting' },
  healthy: { health_failed: 'unhealthy', attempt_failed: 'unhealthy', exited: 'crashed', drain: 'restarting' },
  unhealthy: { health_passed: 'healthy', exited: 'crashed', drain: 'restarting' },
  crashed: { spawn: 'restarting', drain: 'restarting' },
};

export function nextState(state: DaemonState, event: DaemonEvent): DaemonState {
  return TABLE[state][event] ?? state;
}

/** may the pool send a client request to a daemon in this state? */
export function isRoutable(state: DaemonState, breaker: BreakerState, draining: boolean): boolean {
  return state === 'healthy' && breaker === 'closed' && !draining;
}

/** should the health loop probe a daemon in this state? */
export function isProbed(state: DaemonState): boolean {
  return state === 'healthy' || state === 'unhealthy';
}
