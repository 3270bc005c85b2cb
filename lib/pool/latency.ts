/**
 * Recent latencies of one daemon (or the pool) in a fixed ring, so memory stays bounded
 * however long the service runs; percentiles come from the samples of a recent window.
 */
import type { LatencySummary } from '../service/contract';
import type { Clock } from './clock';

export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export class TimedLatencyRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private next = 0;
  private count = 0;

  constructor(
    private readonly clock: Clock,
    capacity = 2048,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.times[this.next] = this.clock.now();
    this.values[this.next] = ms;
    this.next = (this.next + 1) % this.values.length;
    if (this.count < this.values.length) this.count++;
  }

  /** p50/p95/p99 (ms, rounded to 0.01) of the samples newer than `windowMs` */
  summary(windowMs = 60_000): LatencySummary {
    const since = this.clock.now() - windowMs;
    const picked: number[] = [];
    for (let k = 0; k < this.count; k++) if (this.times[k]! >= since) picked.push(this.values[k]!);
    const sorted = Float64Array.from(picked).sort();
    const round = (v: number) => Math.round(v * 100) / 100;
    return { p50: round(percentileOfSorted(sorted, 50)), p95: round(percentileOfSorted(sorted, 95)), p99: round(percentileOfSorted(sorted, 99)) };
  }
}
