/**
 * Sends client requests to daemons: round-robin over routable daemons with a free slot,
 * a bounded wait when all are busy, failover with backoff, poison-input detection
 * (lib/pool/request-plan.ts decides; this file carries it out).
 */
import { RequestPlan, RoundRobin, classifyOutcome, countsAgainstDaemon, type AttemptOutcome } from '../../lib/pool';
import type { ServiceResponse } from '../../lib/service/contract';
import { DaemonTimeoutError, type DaemonAnswer } from './daemon-client';
import type { DaemonProcess } from './daemon-process';
import type { ManagedDaemon } from './managed-daemon';
import type { Pool } from './pool';
import { WaitQueue } from './wait-queue';

/** how long to wait for a daemon's 'exit' after its connection broke, to tell death from a glitch */
const DEATH_GRACE_MS = 300;

export class Dispatcher {
  private readonly rr = new RoundRobin();
  private readonly queue: WaitQueue<ManagedDaemon>;

  constructor(private readonly pool: Pool) {
    this.queue = new WaitQueue(pool.config.queueLimit, pool.config.queueTimeoutMs);
    pool.onCapacityChange = () => this.pump();
    pool.queuedCount = () => this.queue.length;
  }

  get queued(): number {
    return this.queue.length;
  }

  async send(path: '/compile' | '/decompile', body: Uint8Array, contentType: string): Promise<ServiceResponse> {
    const pool = this.pool;
    const t0 = performance.now();
    pool.totalRequests++;
    const plan = new RequestPlan(pool.config.maxRetries);
    const tried = new Set<string>();
    const died: string[] = [];
    for (;;) {
      const d = await this.acquire(tried);
      if (!d) return this.finish(t0, plan.attempts, 'unavailable', this.unavailable(plan.attempts));
      tried.add(d.id);
      const { outcome, answer } = await this.attempt(d, path, body, contentType);
      const verdict = classifyOutcome(outcome);
      if (countsAgainstDaemon(verdict)) {
        const why = describeOutcome(outcome);
        if (verdict === 'crash') died.push(d.id);
        pool.attemptFailed(d, why);
      } else {
        d.breaker.recordSuccess();
      }
      const step = plan.after(outcome);
      if (step.action === 'respond' && answer) {
        return this.finish(t0, plan.attempts, verdict === 'success' ? 'ok' : 'client_error', {
          status: answer.status,
          contentType: String(answer.headers['content-type'] ?? 'application/octet-stream'),
          body: new Uint8Array(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength),
          headers: passOnHeaders(answer),
          daemonId: d.id,
        });
      }
      if (step.action === 'poison') {
        pool.event('poison_input', null, `an input crashed ${died.join(' and ')}; answered 422 without trying further (${body.byteLength} bytes to ${path})`);
        return this.finish(t0, plan.attempts, 'poison', {
          status: 422,
          contentType: 'application/json',
          body: json({ success: false, error: 'this input crashes the engine', daemons: died }),
          headers: {},
          daemonId: null,
        });
      }
      if (step.action === 'give_up') return this.finish(t0, plan.attempts, 'unavailable', this.unavailable(plan.attempts));
      if (step.action === 'retry') await sleep(step.delayMs);
    }
  }

  private finish(t0: number, attempts: number, outcome: 'ok' | 'client_error' | 'poison' | 'unavailable', r: Omit<ServiceResponse, 'attempts' | 'durationMs'>): ServiceResponse {
    const ms = performance.now() - t0;
    const pool = this.pool;
    if (outcome === 'poison' || outcome === 'unavailable') pool.failedRequests++;
    pool.latency.record(ms);
    pool.metrics.clientRequests.inc({ outcome });
    pool.metrics.clientDuration.observe({ outcome }, ms / 1000);
    return { ...r, attempts, durationMs: ms };
  }

  private unavailable(attempts: number): Omit<ServiceResponse, 'attempts' | 'durationMs'> {
    const anyRoutable = this.pool.daemons.some((d) => d.routable);
    const retryAfter = anyRoutable ? 1 : Math.max(1, Math.ceil(this.pool.config.restartDelayMs / 1000));
    const error = this.pool.stopped
      ? 'the daemon pool is stopped'
      : attempts > 0
        ? `no daemon could serve the request (${attempts} attempt${attempts === 1 ? '' : 's'} failed)`
        : anyRoutable
          ? 'every daemon is busy; try again shortly'
          : 'no healthy daemon is available; try again shortly';
    return {
      status: 503,
      contentType: 'application/json',
      body: json({ success: false, error, retry_after: retryAfter }),
      headers: { 'Retry-After': String(retryAfter) },
      daemonId: null,
    };
  }

  private pickFree(tried: ReadonlySet<string>): ManagedDaemon | null {
    const limit = this.pool.config.maxInFlight;
    const d = this.rr.pick(this.pool.daemons, (x) => x.routable && x.inFlight < limit, tried);
    if (d) d.inFlight++;
    return d;
  }

  private acquire(tried: ReadonlySet<string>): Promise<ManagedDaemon | null> {
    if (this.pool.stopped) return Promise.resolve(null);
    if (this.queue.length === 0) {
      const d = this.pickFree(tried);
      if (d) return Promise.resolve(d);
    }
    // nothing can serve soon: answer at once rather than after the queue timeout
    if (!this.pool.daemons.some((d) => d.routable)) return Promise.resolve(null);
    return this.queue.wait(tried);
  }

  private release(d: ManagedDaemon): void {
    d.released();
    this.pump();
  }

  /** hands free slots to waiting requests; answers them at once when no daemon can serve */
  pump(): void {
    if (this.pool.stopped || !this.pool.daemons.some((d) => d.routable)) {
      this.queue.flush();
      return;
    }
    this.queue.serve((tried) => this.pickFree(tried));
  }

  private async attempt(
    d: ManagedDaemon,
    path: string,
    body: Uint8Array,
    contentType: string,
  ): Promise<{ outcome: AttemptOutcome; answer: DaemonAnswer | null }> {
    const proc = d.proc;
    d.totalRequests++;
    this.pool.metrics.attempts.inc({ daemon: d.id });
    const t0 = performance.now();
    try {
      const answer = await d.client.request('POST', path, body, contentType, this.pool.config.requestTimeoutMs);
      d.latency.record(performance.now() - t0);
      const engineCrashed = answer.status >= 500 && /crash/i.test(answer.body.subarray(0, 512).toString('latin1'));
      return { outcome: { kind: 'answer', status: answer.status, engineCrashed }, answer };
    } catch (err) {
      if (err instanceof DaemonTimeoutError) return { outcome: { kind: 'timeout' }, answer: null };
      // refused: nothing was listening, so the daemon was down before this input reached it
      if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') return { outcome: { kind: 'connection', daemonDied: false }, answer: null };
      return { outcome: { kind: 'connection', daemonDied: await diedDuring(proc) }, answer: null };
    } finally {
      this.release(d);
    }
  }
}

async function diedDuring(proc: DaemonProcess | null): Promise<boolean> {
  if (!proc) return false;
  if (proc.hasExited) return true;
  let timer: NodeJS.Timeout | undefined;
  const exited = await Promise.race([
    proc.exited.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DEATH_GRACE_MS))),
  ]);
  clearTimeout(timer);
  return exited;
}

function describeOutcome(o: AttemptOutcome): string {
  switch (o.kind) {
    case 'answer':
      return o.engineCrashed ? `engine crashed (HTTP ${o.status})` : `HTTP ${o.status}`;
    case 'timeout':
      return 'timed out';
    case 'connection':
      return o.daemonDied ? 'the daemon died during the request' : 'connection failed';
  }
}

function passOnHeaders(answer: DaemonAnswer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer.headers)) if (k.startsWith('x-') && typeof v === 'string') out[k] = v;
  return out;
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
