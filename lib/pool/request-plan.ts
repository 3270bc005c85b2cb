/**
 * What one client request does after each attempt on a daemon:
 * - a daemon's answer below 500 (including a 4xx for bad input) goes back to the client;
 *   a 4xx never counts against the daemon and is never retried;
 * - a failure (connection error, timeout, 5xx) is retried on another daemon after backoff,
 *   up to `maxAttempts` attempts in all;
 * - poison input: when a daemon dies (or its engine crashes) during the request, the
 *   request gets one more attempt at most; when that one dies too, the input is declared
 *   poison (the client gets 422) so it cannot take the whole pool down one daemon at a time.
 */
import { backoffDelayMs } from './backoff';

export type AttemptOutcome =
  | { kind: 'answer'; status: number; engineCrashed?: boolean }
  | { kind: 'timeout' }
  | { kind: 'connection'; daemonDied: boolean };

export type Verdict = 'success' | 'client_error' | 'failure' | 'crash';

export function classifyOutcome(outcome: AttemptOutcome): Verdict {
  switch (outcome.kind) {
    case 'answer':
      if (outcome.status >= 500) return outcome.engineCrashed ? 'crash' : 'failure';
      return outcome.status >= 400 ? 'client_error' : 'success';
    case 'timeout':
      return 'failure';
    case 'connection':
      return outcome.daemonDied ? 'crash' : 'failure';
  }
}

/** does this verdict count against the daemon (breaker, health)? */
export function countsAgainstDaemon(v: Verdict): boolean {
  return v === 'failure' || v === 'crash';
}

export type NextStep =
  | { action: 'respond' } // pass the daemon's answer to the client
  | { action: 'retry'; delayMs: number }
  | { action: 'poison' } // answer 422
  | { action: 'give_up' }; // attempts used up: answer 503

export class RequestPlan {
  private attemptsMade = 0;
  private crashes = 0;
  private limit: number;

  constructor(maxAttempts: number) {
    this.limit = Math.max(1, Math.floor(maxAttempts));
  }

  get attempts(): number {
    return this.attemptsMade;
  }

  get crashCount(): number {
    return this.crashes;
  }

  after(outcome: AttemptOutcome): NextStep {
    this.attemptsMade++;
    const verdict = classifyOutcome(outcome);
    if (verdict === 'success' || verdict === 'client_error') return { action: 'respond' };
    if (verdict === 'crash') {
      this.crashes++;
      if (this.crashes >= 2) return { action: 'poison' };
      this.limit = Math.min(this.limit, this.attemptsMade + 1);
    }
    if (this.attemptsMade >= this.limit) return { action: 'give_up' };
    return { action: 'retry', delayMs: backoffDelayMs(this.attemptsMade - 1) };
  }
}
