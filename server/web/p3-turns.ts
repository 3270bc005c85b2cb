/**
 * A small counting gate: at most `limit` holders at once, at most `maxWaiting` in line.
 * Keeps a burst of large captures from holding gigabytes at the same time.
 */
import { HttpError } from './http';
import { RETRY_AFTER_SECONDS } from './limits';

export class Turns {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
    private readonly what: string,
  ) {}

  /** Resolves when it is the caller's turn; throws 503 when the line is full. */
  async take(): Promise<() => void> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new HttpError(503, `too many ${this.what} at once; try again shortly`, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next(); // the turn passes on; active stays the same
      else this.active--;
    };
  }
}
