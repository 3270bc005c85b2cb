/**
 * The contract between the pool (server/pool, lib/pool) and the web app (app/, server/web):
 * what the web app's route handlers may ask of the running service. The JSON shapes follow
 * ../shared/docs/pool-api.md; fields beyond the document are additions for the dashboard.
 */

export type DaemonState = 'healthy' | 'unhealthy' | 'crashed' | 'restarting';
/** where a daemon slot is in its life (lib/pool/slot-machine.ts); `state` above is its public summary */
export type SlotLifecycle = 'starting' | 'running' | 'draining' | 'crashed' | 'backing_off' | 'gave_up' | 'retired';
export type BreakerState = 'closed' | 'open' | 'half_open';
export type ExecutionMode = 'daemon_pool' | 'daemon';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

/** One entry of `instances` in GET /health/pool. */
export interface DaemonSnapshot {
  id: string; // "daemon_0"
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
  rss_bytes: number | null; // from the daemon's /health when it reports it
  latency_ms: LatencySummary; // recent attempts through the pool
  started_at: number | null; // unix seconds
  lifecycle: SlotLifecycle;
  /** when a crashed daemon will be started again (unix seconds); null when none is due */
  next_restart_at: number | null;
  /** crashes since the daemon last ran stably; past FDO_DAEMON_MAX_RESTART_ATTEMPTS restarts back off */
  crashes_in_row: number;
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
  | 'started'
  | 'crashed'
  | 'restarting'
  | 'restarted'
  | 'restart_failed'
  | 'gave_up'
  | 'unhealthy'
  | 'healthy'
  | 'breaker_opened'
  | 'breaker_half_open'
  | 'breaker_closed'
  | 'breakers_reset'
  | 'stopped'
  | 'resized'
  | 'poison_input'
  | 'suspect'
  | 'hedged';

export interface PoolEvent {
  time: number; // unix seconds
  daemon_id: string | null;
  type: PoolEventType;
  message: string;
}

/** One sample of the time series kept by the server for the dashboard's charts. */
export interface HistoryPoint {
  time: number; // unix seconds
  pool: { requests_per_second: number; failures: number; p95_ms: number; healthy: number; in_flight: number };
  daemons: Record<string, { requests_per_second: number; failures: number; p95_ms: number; state: DaemonState; rss_bytes: number | null }>;
}

/**
 * Every failure of a compile or decompile, as one typed value from the daemon's answer to
 * the browser: the pool parses a daemon's error answer once into this (lib/pool/daemon-answer.ts),
 * makes its own (no daemon could serve, poison input) in the same shape, and the web tier
 * renders it in one place.
 */
export type ServiceErrorClass =
  | 'input' // the input is wrong: a syntax error, an undecodable stream, a body too large
  | 'no_output' // the input holds no atoms (blank text, a stream that decodes to nothing)
  | 'poison' // the input crashed the engine on two daemons
  | 'unavailable'; // no daemon could serve the request: try again later

export interface ServiceError {
  class: ServiceErrorClass;
  /** the HTTP status the client gets */
  status: number;
  /** the codec's error kind ("Missing Close Bracket", "Truncated Atom", …) or the pool's ("No Output", "Poison Input", "Unavailable") */
  kind: string;
  message: string;
  /** the daemon's error code, e.g. "0x20008"; null when the pool made the error */
  code: string | null;
  line: number | null;
  column: number | null;
  /** decompile: the byte offset of the atom that could not be decoded */
  offset: number | null;
  context: string[];
  hint: string | null;
  /** for 'unavailable': how long the client should wait */
  retryAfterSeconds: number | null;
}

/** What a compile/decompile through the service answers: the daemon's output, or a ServiceError. */
export interface ServiceResponse {
  status: number;
  contentType: string;
  /** the output on success; on failure the daemon's raw answer (empty when the pool answered itself) */
  body: Uint8Array;
  /** null on success */
  error: ServiceError | null;
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
