/**
 * The contract between the pool (server/pool, lib/pool) and the web app (app/, server/web):
 * what the web app's route handlers may ask of the running service. The JSON shapes follow
 * ../shared/docs/pool-api.md; fields beyond the document are additions for the dashboard.
 */

export type DaemonState = 'healthy' | 'unhealthy' | 'crashed' | 'restarting';
export type BreakerState = 'closed' | 'open' | 'half_open';
export type ExecutionMode = 'daemon_pool' | 'daemon';

export interface LatencySummary { p50: number; p95: number; p99: number }

/** One entry of `instances` in GET /health/pool. */
export interface DaemonSnapshot {
  id: string;                 // "daemon_0"
  port: number;
  state: DaemonState;
  restart_count: number;
  consecutive_failures: number;
  total_requests: number;
  failed_requests: number;
  circuit_breaker_open: boolean;
  last_health_check: number | null; // unix seconds
  // additions
  pid: number | null;
  circuit_breaker_state: BreakerState;
  in_flight: number;
  rss_bytes: number | null;   // from the daemon's /health when it reports it
  latency_ms: LatencySummary; // recent attempts through the pool
  started_at: number | null;  // unix seconds
}

/** GET /health/pool */
export interface PoolHealthReport {
  pool_size: number;
  instances_total: number;
  instances_healthy: number;
  pool_health_percentage: number;
  total_requests: number;
  failed_requests: number;
  daemon_restarts: number;
  instances_by_state: Record<DaemonState, number>;
  instances: DaemonSnapshot[];
  // additions
  execution_mode: ExecutionMode;
  in_flight: number;
  queued: number;
  latency_ms: LatencySummary;
}

/** GET /health (HTTP 503 when status is "unhealthy") */
export interface ServiceHealth {
  status: 'healthy' | 'degraded' | 'unhealthy';
  execution_mode: ExecutionMode;
  pool: { enabled: boolean; size: number; healthy_instances: number; health_percentage: number };
}

export type PoolEventType =
  | 'started' | 'crashed' | 'restarting' | 'restarted' | 'restart_failed' | 'gave_up'
  | 'unhealthy' | 'healthy' | 'breaker_opened' | 'breaker_half_open' | 'breaker_closed'
  | 'breakers_reset' | 'stopped' | 'resized' | 'poison_input';

export interface PoolEvent {
  time: number;        // unix seconds
  daemon_id: string | null;
  type: PoolEventType;
  message: string;
}

/** One sample of the time series kept by the server for the dashboard's charts. */
export interface HistoryPoint {
  time: number;        // unix seconds
  pool: { requests_per_second: number; failures: number; p95_ms: number; healthy: number; in_flight: number };
  daemons: Record<string, { requests_per_second: number; failures: number; p95_ms: number; state: DaemonState; rss_bytes: number | null }>;
}

/** What a compile/decompile through the service answers: the daemon's answer, or the pool's own (503, 422). */
export interface ServiceResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** extra headers to pass on (e.g. Retry-After on 503) */
  headers: Record<string, string>;
  daemonId: string | null;
  attempts: number;
  durationMs: number;
}

export interface FdoService {
  readonly mode: ExecutionMode;
  compile(source: Uint8Array): Promise<ServiceResponse>;
  decompile(binary: Uint8Array): Promise<ServiceResponse>;
  health(): ServiceHealth;
  poolHealth(): PoolHealthReport;
  /** returns how many breakers were open and are now closed */
  resetCircuitBreakers(): number;
  /** false when no daemon has that id */
  restartDaemon(id: string): Promise<boolean>;
  /** restarts every daemon one at a time without losing a request */
  rollingRestart(): Promise<void>;
  resize(size: number): Promise<void>;
  /** samples newer than `sinceUnixSeconds` (default: the last 15 minutes) */
  history(sinceUnixSeconds?: number): HistoryPoint[];
  /** newest first */
  events(limit?: number): PoolEvent[];
  /** Prometheus text exposition format */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}
