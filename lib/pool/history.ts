/**
 * The dashboard's time series: one HistoryPoint per sampling interval, kept for a fixed
 * retention (15 minutes by default). A point is computed from counter deltas since the
 * previous sample, so rates are per interval, not since start-up.
 */
import type { DaemonState, HistoryPoint } from '../service/contract';
import type { Clock } from './clock';

export interface CounterSample {
  requests: number;
  failures: number;
}

export interface DaemonReading extends CounterSample {
  id: string;
  state: DaemonState;
  rssBytes: number | null;
  p95Ms: number;
}

export interface PoolReading extends CounterSample {
  p95Ms: number;
  healthy: number;
  inFlight: number;
  daemons: DaemonReading[];
}

export class HistorySeries {
  private readonly points: HistoryPoint[] = [];
  private previous: { at: number; pool: CounterSample; daemons: Map<string, CounterSample> } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly retentionMs = 15 * 60_000,
  ) {}

  /** turns a reading of the counters into a point (rates since the previous reading) */
  sample(reading: PoolReading): HistoryPoint {
    const at = this.clock.now();
    const prev = this.previous;
    const seconds = prev ? Math.max(0.001, (at - prev.at) / 1000) : 0;
    const rate = (now: number, before: number | undefined) => (prev && before !== undefined ? Math.max(0, now - before) / seconds : 0);
    const delta = (now: number, before: number | undefined) => (prev && before !== undefined ? Math.max(0, now - before) : 0);
    const daemons: HistoryPoint['daemons'] = {};
    for (const d of reading.daemons) {
      const before = prev?.daemons.get(d.id);
      daemons[d.id] = {
        requests_per_second: round(rate(d.requests, before?.requests)),
        failures: delta(d.failures, before?.failures),
        p95_ms: round(d.p95Ms),
        state: d.state,
        rss_bytes: d.rssBytes,
      };
    }
    const point: HistoryPoint = {
      time: at / 1000,
      pool: {
        requests_per_second: round(rate(reading.requests, prev?.pool.requests)),
        failures: delta(reading.failures, prev?.pool.failures),
        p95_ms: round(reading.p95Ms),
        healthy: reading.healthy,
        in_flight: reading.inFlight,
      },
      daemons,
    };
    this.previous = {
      at,
      pool: { requests: reading.requests, failures: reading.failures },
      daemons: new Map(reading.daemons.map((d) => [d.id, { requests: d.requests, failures: d.failures }])),
    };
    this.points.push(point);
    const oldest = at - this.retentionMs;
    while (this.points.length > 0 && this.points[0]!.time * 1000 < oldest) this.points.shift();
    return point;
  }

  /** points newer than `sinceUnixSeconds` (default: all kept) */
  since(sinceUnixSeconds?: number): HistoryPoint[] {
    const oldest = (this.clock.now() - this.retentionMs) / 1000;
    const from = Math.max(oldest, sinceUnixSeconds ?? -Infinity);
    return this.points.filter((p) => p.time > from);
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
