/**
 * What one client request does after each attempt on a daemon (the verdicts come from
 * daemon-answer.ts):
 * - success or a verdict on the input goes back to the client, never retried;
 * - a busy daemon, an engine failure or a transport failure is retried on another daemon
 *   after backoff, up to `maxAttempts` attempts in all;
 * - poison input: when the engine crashes (or the daemon dies) during the request, the
 *   request gets one more attempt at most; when that one crashes too, the input is
 *   declared poison (the client gets 422) so it cannot take the pool down one daemon at a time.
 */
import { backoffDelayMs } from './backoff';
import type { AttemptVerdict } from './daemon-answer';

export type NextStep =
  | { action: 'respond' } // pass the answer (output or input error) to the client
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

  after(v: AttemptVerdict): NextStep {
    this.attemptsMade++;
    if (v.verdict === 'success' || v.verdict === 'input') return { action: 'respond' };
    if (v.verdict === 'engine_crash') {
      this.crashes++;
      if (this.crashes >= 2) return { action: 'poison' };
      this.limit = Math.min(this.limit, this.attemptsMade + 1);
    }
    if (this.attemptsMade >= this.limit) return { action: 'give_up' };
    // a busy daemon is not in trouble: try the next one at once
    return { action: 'retry', delayMs: v.verdict === 'busy' ? 0 : backoffDelayMs(this.attemptsMade - 1) };
  }
}
