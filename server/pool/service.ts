/**
 * The FdoService the web app talks to (lib/service/contract.ts): the pool plus the JSON
 * shapes of pool-api.md.
 */
import type {
  DaemonState,
  ExecutionMode,
  FdoService,
  HistoryPoint,
  PoolEvent,
  PoolHealthReport,
  ServiceHealth,
  ServiceResponse,
} from '../../lib/service/contract';
import { planFanOut } from '../../lib/pool';
import { Dispatcher } from './dispatch';
import { compileInParts } from './fan-out';
import type { Pool } from './pool';

export class PoolService implements FdoService {
  readonly mode: ExecutionMode;
  private readonly dispatcher: Dispatcher;

  constructor(private readonly pool: Pool) {
    this.mode = pool.config.poolEnabled ? 'daemon_pool' : 'daemon';
    this.dispatcher = new Dispatcher(pool);
  }

  /** this service's own folder under the pool root (never shown to clients: it is a path) */
  get workingFolder(): string | null {
    return this.pool.instanceRoot;
  }

  compile(source: Uint8Array): Promise<ServiceResponse> {
    const routable = this.pool.daemons.filter((d) => d.routable).length;
    const plan = planFanOut(source.byteLength, this.pool.config.fanOutBytes, routable);
    const send = (part: Uint8Array) => this.dispatcher.send('/compile', part, 'text/plain');
    return plan ? compileInParts(source, plan, send) : send(source);
  }

  decompile(binary: Uint8Array): Promise<ServiceResponse> {
    return this.dispatcher.send('/decompile', binary, 'application/octet-stream');
  }

  health(): ServiceHealth {
    const daemons = this.pool.daemons;
    const healthy = daemons.filter((d) => d.state === 'healthy').length;
    const serving = daemons.filter((d) => d.routable).length;
    const size = this.pool.size;
    return {
      status: serving === 0 ? 'unhealthy' : healthy >= size && serving === daemons.length ? 'healthy' : 'degraded',
      execution_mode: this.mode,
      pool: { enabled: this.pool.config.poolEnabled, size, healthy_instances: healthy, health_percentage: percent(healthy, size) },
    };
  }

  poolHealth(): PoolHealthReport {
    const instances = this.pool.daemons.map((d) => d.snapshot());
    const byState: Record<DaemonState, number> = { healthy: 0, unhealthy: 0, crashed: 0, restarting: 0 };
    for (const d of instances) byState[d.state]++;
    return {
      pool_size: this.pool.size,
      instances_total: instances.length,
      instances_healthy: byState.healthy,
      pool_health_percentage: percent(byState.healthy, this.pool.size),
      total_requests: this.pool.totalRequests,
      failed_requests: this.pool.failedRequests,
      daemon_restarts: this.pool.daemonRestarts,
      instances_by_state: byState,
      instances,
      execution_mode: this.mode,
      in_flight: instances.reduce((n, d) => n + d.in_flight, 0),
      queued: this.dispatcher.queued,
      latency_ms: this.pool.latency.summary(),
    };
  }

  resetCircuitBreakers(): number {
    return this.pool.resetCircuitBreakers();
  }

  restartDaemon(id: string): Promise<boolean> {
    return this.pool.restartDaemon(id);
  }

  rollingRestart(): Promise<void> {
    return this.pool.rollingRestart();
  }

  resize(size: number): Promise<void> {
    return this.pool.resize(size);
  }

  history(sinceUnixSeconds?: number): HistoryPoint[] {
    return this.pool.history.since(sinceUnixSeconds);
  }

  events(limit?: number): PoolEvent[] {
    return this.pool.events.latest(limit);
  }

  metrics(): Promise<string> {
    return this.pool.metrics.text();
  }

  stop(): Promise<void> {
    return this.pool.stop();
  }
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}
