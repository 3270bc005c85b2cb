/**
 * The latencies of the most recent requests, in a fixed-size ring so memory stays flat
 * however long the daemon runs; /health summarises them as p50/p95/p99. (The pool's
 * TimedLatencyRing also drops samples older than a time window.)
 */
import type { LatencySummary } from '@/lib/service/contract';

export class LatencyRing {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(capacity = 1024) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.samples = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    if (this.filled < this.samples.length) this.filled++;
  }

  get size(): number {
    return this.filled;
  }

  /** Nearest-rank percentiles of the samples held, in ms rounded to 0.01; zeros when empty. */
  summary(): LatencySummary {
    if (this.filled === 0) return { p50: 0, p95: 0, p99: 0 };
    const sorted = this.samples.slice(0, this.filled).sort();
    const at = (p: number) => {
      const rank = Math.ceil((p / 100) * sorted.length);
      return Math.round(sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]! * 100) / 100;
    };
    return { p50: at(50), p95: at(95), p99: at(99) };
  }
}
