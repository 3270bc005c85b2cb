/**
 * The daemon's counters, in the reference's names (requests_processed, successful_requests,
 * failed_requests, uptime_seconds) plus what an operator needs: requests in flight, recent
 * latency, requests refused before reaching the codec.
 */
import type { LatencySummary } from '@/lib/service/contract';
import { LatencyRing } from './latency';

export interface DaemonCounters {
  requests_processed: number;
  successful_requests: number;
  failed_requests: number;
  uptime_seconds: number;
}

export interface DaemonStatsSnapshot extends DaemonCounters {
  in_flight: number;
  compile_requests: number;
  decompile_requests: number;
  /** refused or cut short by a limit: too large, body too slow, codec over time, busy, client gone */
  rejected_requests: number;
  latency_ms: LatencySummary;
}

export class DaemonStats {
  private processed = 0;
  private succeeded = 0;
  private failed = 0;
  private rejected = 0;
  private compiles = 0;
  private decompiles = 0;
  inFlight = 0;
  readonly latency = new LatencyRing(1024);

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly startedAt = now(),
  ) {}

  begin(op: 'compile' | 'decompile'): void {
    this.inFlight++;
    if (op === 'compile') this.compiles++;
    else this.decompiles++;
  }

  /** One codec request answered (or abandoned): status 0 means the client went away. */
  end(status: number, ms: number, rejected = false): void {
    this.inFlight--;
    this.processed++;
    if (status >= 200 && status < 300) this.succeeded++;
    else this.failed++;
    if (rejected) this.rejected++;
    if (status !== 0) this.latency.record(ms);
  }

  uptimeSeconds(): number {
    return Math.floor((this.now() - this.startedAt) / 1000);
  }

  counters(): DaemonCounters {
    return {
      requests_processed: this.processed,
      successful_requests: this.succeeded,
      failed_requests: this.failed,
      uptime_seconds: this.uptimeSeconds(),
    };
  }

  snapshot(): DaemonStatsSnapshot {
    return {
      ...this.counters(),
      in_flight: this.inFlight,
      compile_requests: this.compiles,
      decompile_requests: this.decompiles,
      rejected_requests: this.rejected,
      latency_ms: this.latency.summary(),
    };
  }
}
