/**
 * A daemon's circuit breaker. It opens after `threshold` consecutive failures (failed
 * attempts or failed health checks); an open breaker routes no requests to the daemon.
 * The health check is the half-open probe: while it runs the breaker is half-open, a pass
 * closes it, a failure opens it again. An operator can also reset it.
 *
 * Methods return the transition they caused (or null), so the caller can log events.
 */
import type { BreakerState } from '../service/contract';

export interface BreakerTransition {
  from: BreakerState;
  to: BreakerState;
}

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;

  constructor(private readonly threshold: number) {
    if (!(threshold >= 1)) throw new Error(`breaker threshold must be >= 1, got ${threshold}`);
  }

  get state(): BreakerState {
    return this.current;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** only a closed breaker lets requests through; half-open lets only the health probe through */
  get allowsRequests(): boolean {
    return this.current === 'closed';
  }

  recordSuccess(): BreakerTransition | null {
    this.failures = 0;
    return null;
  }

  recordFailure(): BreakerTransition | null {
    this.failures++;
    if (this.current === 'half_open') return this.move('open');
    if (this.current === 'closed' && this.failures >= this.threshold) return this.move('open');
    return null;
  }

  /** a health check is about to probe an open breaker's daemon */
  beginProbe(): BreakerTransition | null {
    return this.current === 'open' ? this.move('half_open') : null;
  }

  probePassed(): BreakerTransition | null {
    if (this.current === 'closed') return null;
    this.failures = 0;
    return this.move('closed');
  }

  probeFailed(): BreakerTransition | null {
    return this.recordFailure();
  }

  /** opens at once: the daemon proved it cannot answer (a suspect that failed its probe) */
  trip(): BreakerTransition | null {
    this.failures = Math.max(this.failures + 1, this.threshold);
    return this.current === 'open' ? null : this.move('open');
  }

  /** manual reset; returns the transition when the breaker was not closed */
  reset(): BreakerTransition | null {
    this.failures = 0;
    return this.current === 'closed' ? null : this.move('closed');
  }

  private move(to: BreakerState): BreakerTransition {
    const t = { from: this.current, to };
    this.current = to;
    return t;
  }
}
