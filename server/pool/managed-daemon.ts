/**
 * Everything the pool knows about one daemon slot (daemon_i on port BASE_PORT + i): its
 * current process, state, breaker, restart budget, counters and latency window. The slot
 * outlives its processes: a restart puts a new process into the same slot.
 */
import type { DaemonSnapshot, DaemonState } from '../../lib/service/contract';
import { CircuitBreaker, LatencyWindow, RestartBudget, isRoutable, nextState, type Clock, type DaemonEvent } from '../../lib/pool';
import { DaemonClient } from './daemon-client';
import type { DaemonProcess } from './daemon-process';

export interface SlotLimits {
  breakerThreshold: number;
  maxRestartAttempts: number;
  stableAfterMs: number;
  maxInFlight: number;
}

export class ManagedDaemon {
  readonly id: string;
  state: DaemonState = 'crashed';
  readonly breaker: CircuitBreaker;
  readonly budget: RestartBudget;
  readonly client: DaemonClient;
  readonly latency: LatencyWindow;
  proc: DaemonProcess | null = null;
  /** increments with every process started in this slot */
  generation = 0;
  /** increments with every start begun, so a newer start (or a drain) cancels an older one */
  launchSeq = 0;
  /** taken out of rotation by an operator restart or a shrink */
  draining = false;
  /** its process is being stopped on purpose: the exit is not a crash */
  stopping = false;
  /** removed from the pool (shrink or stop): nothing may restart it */
  retired = false;
  gaveUp = false;
  inFlight = 0;
  totalRequests = 0;
  failedRequests = 0;
  restarts = 0;
  lastHealthCheckMs: number | null = null;
  rssBytes: number | null = null;
  startedAtMs: number | null = null;
  healthPending = false;
  restartTimer: NodeJS.Timeout | null = null;
  /** serialises operator actions (restart, drain) on this slot */
  operation: Promise<unknown> = Promise.resolve();
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly index: number,
    readonly port: number,
    host: string,
    limits: SlotLimits,
    clock: Clock,
  ) {
    this.id = `daemon_${index}`;
    this.breaker = new CircuitBreaker(limits.breakerThreshold);
    this.budget = new RestartBudget(limits.maxRestartAttempts, limits.stableAfterMs, clock);
    // one socket more than the in-flight limit, so a health check need not wait for a socket
    this.client = new DaemonClient(host, port, limits.maxInFlight + 1);
    this.latency = new LatencyWindow(clock);
  }

  get routable(): boolean {
    return isRoutable(this.state, this.breaker.state, this.draining);
  }

  /** applies a state-machine event; returns the previous state when the state changed */
  apply(event: DaemonEvent): DaemonState | null {
    const before = this.state;
    this.state = nextState(before, event);
    return this.state === before ? null : before;
  }

  /** the slot's in-flight count went down */
  released(): void {
    this.inFlight--;
    if (this.inFlight <= 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** resolves when no request is in flight on this daemon, or after `maxMs` */
  whenIdle(maxMs: number): Promise<void> {
    if (this.inFlight <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  snapshot(): DaemonSnapshot {
    return {
      id: this.id,
      port: this.port,
      state: this.state,
      restart_count: this.restarts,
      consecutive_failures: this.breaker.consecutiveFailures,
      total_requests: this.totalRequests,
      failed_requests: this.failedRequests,
      circuit_breaker_open: this.breaker.state !== 'closed',
      last_health_check: this.lastHealthCheckMs === null ? null : this.lastHealthCheckMs / 1000,
      pid: this.proc && !this.proc.hasExited ? this.proc.pid : null,
      circuit_breaker_state: this.breaker.state,
      in_flight: this.inFlight,
      rss_bytes: this.rssBytes,
      latency_ms: this.latency.summary(),
      started_at: this.startedAtMs === null ? null : this.startedAtMs / 1000,
    };
  }
}
