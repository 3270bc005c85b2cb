/**
 * How many times a crashed daemon may be restarted. The rule (docs/POOL.md):
 * a daemon may be restarted at most `maxAttempts` times in a row; once it has run for
 * `stableAfterMs` since its last start, it has earned its budget back (the count returns
 * to zero). A daemon that keeps crashing soon after each start runs out and stays crashed
 * until an operator restarts it (which also restores the budget).
 */
import type { Clock } from './clock';

export class RestartBudget {
  private used = 0;
  private runningSince: number | null = null;

  constructor(
    private readonly maxAttempts: number,
    private readonly stableAfterMs: number,
    private readonly clock: Clock,
  ) {}

  get attemptsUsed(): number {
    this.settle();
    return this.used;
  }

  get remaining(): number {
    return Math.max(0, this.maxAttempts - this.attemptsUsed);
  }

  /** may another restart be tried now? */
  canRestart(): boolean {
    return this.remaining > 0;
  }

  /** a restart is being tried: it costs one attempt */
  recordAttempt(): void {
    this.settle();
    this.used++;
  }

  /** the daemon is up (ready) from now on */
  markRunning(): void {
    this.runningSince = this.clock.now();
  }

  /** the daemon went down */
  markDown(): void {
    this.settle();
    this.runningSince = null;
  }

  /** an operator asked for it: full budget again */
  restore(): void {
    this.used = 0;
  }

  private settle(): void {
    if (this.runningSince !== null && this.clock.now() - this.runningSince >= this.stableAfterMs) this.used = 0;
  }
}
