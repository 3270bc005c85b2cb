/**
 * Requests waiting for a daemon with a free slot. Bounded in length and in waiting time,
 * so a saturated or dead pool answers 503 within about a second instead of hanging.
 * First come, first served: a slot that frees up goes to the oldest waiter.
 */
export interface Waiter<T> {
  tried: ReadonlySet<string>;
  resolve: (got: T | null) => void;
  timer: NodeJS.Timeout;
}

export class WaitQueue<T> {
  private readonly waiters: Waiter<T>[] = [];

  constructor(
    private readonly limit: number,
    private readonly timeoutMs: number,
  ) {}

  get length(): number {
    return this.waiters.length;
  }

  /** null at once when the queue is full; else the item handed over, or null after the timeout */
  wait(tried: ReadonlySet<string>): Promise<T | null> {
    if (this.waiters.length >= this.limit || this.timeoutMs <= 0) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter: Waiter<T> = {
        tried,
        resolve,
        timer: setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          resolve(null);
        }, this.timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** hands items to waiters, oldest first, while `take` finds one for the oldest */
  serve(take: (tried: ReadonlySet<string>) => T | null): void {
    while (this.waiters.length > 0) {
      const head = this.waiters[0]!;
      const got = take(head.tried);
      if (got === null) return;
      this.waiters.shift();
      clearTimeout(head.timer);
      head.resolve(got);
    }
  }

  /** answers every waiter with null (nothing can serve them) */
  flush(): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
  }
}
