/**
 * One daemon slot (daemon_i on port BASE_PORT + i) as the pool's edge holds it: the state
 * machine's current state (lib/pool/slot-machine.ts, changed only by Pool.feed), and
 * beside it what the edge needs to carry decisions out: the process, the HTTP client,
 * the breaker, the restart timer, counters and the latency window. The slot outlives its
 * processes: a restart puts a new process into the same slot.
 */
import type { DaemonSnapshot, DaemonState } from '../../lib/service/contract';
import {
  CircuitBreaker,
  TimedLatencyRing,
  crashesInRow,
  lifecycleOf,
  nextRestartAt,
  publicState,
  takesRequests,
  type Clock,
  type SlotState,
} from '../../lib/pool';
import { DaemonClient } from './daemon-client';
import type { DaemonProcess } from './daemon-process';

export interface SlotLimits {
  breakerThreshold: number;
  maxInFlight: number;
}

export class ManagedDaemon {
  readonly id: string;
  /** the machine's state; only Pool.feed assigns it */
  slot: SlotState;
  readonly breaker: CircuitBreaker;
  readonly client: DaemonClient;
  readonly latency: TimedLatencyRing;
  proc: DaemonProcess | null = null;
  /** increments with every spawn begun, so a drain or a newer spawn cancels an older one */
  spawnSeq = 0;
  inFlight = 0;
  totalRequests = 0;
  failedRequests = 0;
  restarts = 0;
  lastHealthCheckMs: number | null = null;
  rssBytes: number | null = null;
  startedAtMs: number | null = null;
  healthPending = false;
  /** a suspect probe (pool.suspect) is under way */
  suspectPending = false;
  restartTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly index: number,
    readonly port: number,
    host: string,
    limits: SlotLimits,
    clock: Clock,
    initial: SlotState,
  ) {
    this.id = `daemon_${index}`;
    this.slot = initial;
    this.breaker = new CircuitBreaker(limits.breakerThreshold);
    // one socket more than the in-flight limit, so a health check need not wait for a socket
    this.client = new DaemonClient(host, port, limits.maxInFlight + 1);
    this.latency = new TimedLatencyRing(clock);
  }

  /** the public state of pool-api.md */
  get state(): DaemonState {
    return publicState(this.slot);
  }

  get routable(): boolean {
    return takesRequests(this.slot) && this.breaker.state === 'closed';
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
    const restartAt = nextRestartAt(this.slot);
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
      lifecycle: lifecycleOf(this.slot),
      next_restart_at: restartAt === null ? null : restartAt / 1000,
      crashes_in_row: crashesInRow(this.slot),
    };
  }
}
