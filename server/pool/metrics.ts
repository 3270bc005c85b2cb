/**
 * Prometheus metrics of one service, in a Registry of its own (never prom-client's global
 * one, so two services in one process, as in tests, do not collide). Counters are counted
 * as things happen; gauges read the pool's current state when scraped.
 */
import client from 'prom-client';
import type { DaemonState } from '../../lib/service/contract';
import type { ManagedDaemon } from './managed-daemon';

const STATES: DaemonState[] = ['healthy', 'unhealthy', 'crashed', 'restarting'];

export interface PoolView {
  daemons(): readonly ManagedDaemon[];
  size(): number;
}

export class PoolMetrics {
  readonly registry = new client.Registry();
  readonly clientRequests: client.Counter<'outcome'>;
  readonly clientDuration: client.Histogram<'outcome'>;
  readonly attempts: client.Counter<'daemon'>;
  readonly attemptFailures: client.Counter<'daemon'>;
  readonly restarts: client.Counter<'daemon'>;
  /** the dispatcher's waiting room, once a dispatcher watches this pool */
  private queued: () => number = () => 0;

  constructor(view: PoolView) {
    const queued = () => this.queued();
    const registers = [this.registry];
    this.clientRequests = new client.Counter({
      name: 'fdo_pool_requests_total',
      help: 'Client requests through the pool, by outcome (ok, client_error, poison, unavailable)',
      labelNames: ['outcome'],
      registers,
    });
    this.clientDuration = new client.Histogram({
      name: 'fdo_pool_request_duration_seconds',
      help: 'Time to answer a client request, retries included',
      labelNames: ['outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.attempts = new client.Counter({ name: 'fdo_daemon_attempts_total', help: 'Request attempts sent to each daemon', labelNames: ['daemon'], registers });
    this.attemptFailures = new client.Counter({
      name: 'fdo_daemon_attempt_failures_total',
      help: 'Attempts that failed on each daemon (connection error, timeout, 5xx, death)',
      labelNames: ['daemon'],
      registers,
    });
    this.restarts = new client.Counter({ name: 'fdo_daemon_restarts_total', help: 'Restarts of each daemon', labelNames: ['daemon'], registers });

    const perDaemon = (name: string, help: string, read: (d: ManagedDaemon) => number | null) =>
      new client.Gauge({
        name,
        help,
        labelNames: ['daemon'],
        registers,
        collect() {
          this.reset();
          for (const d of view.daemons()) {
            const v = read(d);
            if (v !== null) this.set({ daemon: d.id }, v);
          }
        },
      });
    perDaemon('fdo_daemon_in_flight', 'Requests in flight on each daemon', (d) => d.inFlight);
    perDaemon('fdo_daemon_breaker_open', "1 when the daemon's circuit breaker is open or half-open", (d) => (d.breaker.state === 'closed' ? 0 : 1));
    perDaemon('fdo_daemon_consecutive_failures', 'Consecutive failures counted by the breaker', (d) => d.breaker.consecutiveFailures);
    perDaemon('fdo_daemon_rss_bytes', 'Resident memory of each daemon process', (d) => d.rssBytes);
    new client.Gauge({
      name: 'fdo_daemon_state',
      help: '1 for the state each daemon is in',
      labelNames: ['daemon', 'state'],
      registers,
      collect() {
        this.reset();
        for (const d of view.daemons()) for (const s of STATES) this.set({ daemon: d.id, state: s }, d.state === s ? 1 : 0);
      },
    });
    new client.Gauge({
      name: 'fdo_daemon_latency_ms',
      help: 'Latency of recent attempts on each daemon (last minute)',
      labelNames: ['daemon', 'quantile'],
      registers,
      collect() {
        this.reset();
        for (const d of view.daemons()) {
          const s = d.latency.summary();
          this.set({ daemon: d.id, quantile: '0.5' }, s.p50);
          this.set({ daemon: d.id, quantile: '0.95' }, s.p95);
          this.set({ daemon: d.id, quantile: '0.99' }, s.p99);
        }
      },
    });
    new client.Gauge({
      name: 'fdo_pool_size',
      help: 'Daemons the pool is configured to run',
      registers,
      collect() {
        this.set(view.size());
      },
    });
    new client.Gauge({
      name: 'fdo_pool_healthy_daemons',
      help: 'Daemons that can take requests now',
      registers,
      collect() {
        this.set(view.daemons().filter((d) => d.routable).length);
      },
    });
    new client.Gauge({
      name: 'fdo_pool_queued_requests',
      help: 'Requests waiting for a free daemon',
      registers,
      collect() {
        this.set(queued());
      },
    });
  }

  watchQueue(queued: () => number): void {
    this.queued = queued;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
