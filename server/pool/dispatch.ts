/**
 * Sends client requests to daemons: round-robin over routable daemons with a free slot,
 * a bounded wait when all are busy, failover with backoff, hedging of silent attempts,
 * poison-input detection. lib/pool decides (the verdict on each attempt, the next step,
 * the hedge deadline); this file carries it out.
 */
import {
  RequestPlan,
  RoundRobin,
  classifyAttempt,
  countsAgainstDaemon,
  hedgeDelayMs,
  type AttemptResult,
  type AttemptVerdict,
  type CodecPath,
  type NextStep,
} from '../../lib/pool';
import type { ServiceError, ServiceResponse } from '../../lib/service/contract';
import { DaemonTimeoutError, type DaemonAnswer } from './daemon-client';
import type { DaemonProcess } from './daemon-process';
import type { ManagedDaemon } from './managed-daemon';
import type { Pool } from './pool';
import { WaitQueue } from './wait-queue';

/** how long to wait for a daemon's 'exit' after its connection broke, to tell death from a glitch */
const DEATH_GRACE_MS = 300;
/** how often the hedge deadline's latency base is recomputed */
const HEDGE_BASE_REFRESH_MS = 1_000;

/** one attempt on one daemon, as it ended */
interface Attempt {
  daemon: ManagedDaemon;
  verdict: AttemptVerdict;
  answer: DaemonAnswer | null;
}

export class Dispatcher {
  private readonly rr = new RoundRobin();
  private readonly queue: WaitQueue<ManagedDaemon>;
  private hedgeBaseP99 = 0;
  private hedgeBaseAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly pool: Pool) {
    this.queue = new WaitQueue(pool.config.queueLimit, pool.config.queueTimeoutMs);
    pool.onCapacityChange(() => this.pump());
    pool.metrics.watchQueue(() => this.queue.length);
  }

  get queued(): number {
    return this.queue.length;
  }

  async send(path: CodecPath, body: Uint8Array, contentType: string): Promise<ServiceResponse> {
    const pool = this.pool;
    const t0 = performance.now();
    pool.totalRequests++;
    const plan = new RequestPlan(pool.config.maxAttempts);
    const tried = new Set<string>();
    const crashed: string[] = [];
    for (;;) {
      const d = await this.acquire(tried);
      if (!d) return this.finish(t0, plan.attempts, 'unavailable', this.unavailable(plan.attempts));
      tried.add(d.id);
      const ended = await this.attemptWithHedge(d, path, body, contentType, tried);
      let step: NextStep = { action: 'give_up' };
      for (const a of ended) {
        if (a.verdict.verdict === 'engine_crash') crashed.push(a.daemon.id);
        step = plan.after(a.verdict);
        if (step.action !== 'retry') break;
      }
      const conclusive = ended.find((a) => a.verdict.verdict === 'success' || a.verdict.verdict === 'input');
      if (step.action === 'respond' && conclusive) return this.respond(t0, plan.attempts, conclusive);
      if (step.action === 'poison') {
        pool.event(
          'poison_input',
          null,
          `an input crashed ${crashed.join(' and ')}; answered 422 without trying further (${body.byteLength} bytes to ${path})`,
        );
        return this.finish(t0, plan.attempts, 'poison', failed(poisonError(crashed)));
      }
      if (step.action === 'give_up') return this.finish(t0, plan.attempts, 'unavailable', this.unavailable(plan.attempts));
      if (step.action === 'retry' && step.delayMs > 0) await sleep(step.delayMs);
    }
  }

  private respond(t0: number, attempts: number, a: Attempt): ServiceResponse {
    const answer = a.answer!;
    const body = new Uint8Array(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
    const base = {
      contentType: String(answer.headers['content-type'] ?? 'application/octet-stream'),
      body,
      headers: passOnHeaders(answer),
      daemonId: a.daemon.id,
    };
    if (a.verdict.verdict === 'input') {
      return this.finish(t0, attempts, 'client_error', { ...base, status: a.verdict.error.status, error: a.verdict.error });
    }
    return this.finish(t0, attempts, 'ok', { ...base, status: 200, error: null });
  }

  /**
   * One attempt on `d`; when it stays silent past the hedge deadline and another daemon
   * is free, the same request goes there too and the first conclusive answer wins (the
   * other attempt is withdrawn). Returns the attempts that ended, in the order they ended.
   */
  private async attemptWithHedge(d: ManagedDaemon, path: CodecPath, body: Uint8Array, contentType: string, tried: Set<string>): Promise<Attempt[]> {
    const first = new AbortController();
    const firstRun = this.attempt(d, path, body, contentType, first.signal);
    if (!this.pool.config.hedge || this.pool.daemons.length < 2) return [(await firstRun)!];
    const delay = hedgeDelayMs(this.recentP99(), body.byteLength);
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<'silent'>((resolve) => (timer = setTimeout(() => resolve('silent'), delay)));
    const early = await Promise.race([firstRun, silent]);
    clearTimeout(timer);
    if (early !== 'silent') return [early!];

    const other = this.pickFree(tried);
    if (!other) return [(await firstRun)!];
    tried.add(other.id);
    this.pool.suspect(d, delay);
    this.pool.event('hedged', other, `request to ${d.id} silent for ${delay} ms: sent to ${other.id} as well`);
    const second = new AbortController();
    const secondRun = this.attempt(other, path, body, contentType, second.signal);
    const ended: Attempt[] = [];
    const runs = new Map<Promise<Attempt | null>, AbortController>([
      [firstRun, first],
      [secondRun, second],
    ]);
    while (runs.size > 0) {
      const [run, a] = await Promise.race([...runs.keys()].map((p) => p.then((r) => [p, r] as const)));
      runs.delete(run);
      if (!a) continue; // withdrawn
      ended.push(a);
      if (a.verdict.verdict === 'success' || a.verdict.verdict === 'input') {
        for (const c of runs.values()) c.abort();
        await Promise.all(runs.keys());
        break;
      }
    }
    return ended;
  }

  /** the recent p99 of client requests, recomputed at most once a second (sorting is not free) */
  private recentP99(): number {
    const now = performance.now();
    if (now - this.hedgeBaseAt >= HEDGE_BASE_REFRESH_MS) {
      this.hedgeBaseAt = now;
      this.hedgeBaseP99 = this.pool.latency.summary(30_000).p99;
    }
    return this.hedgeBaseP99;
  }

  private finish(
    t0: number,
    attempts: number,
    outcome: 'ok' | 'client_error' | 'poison' | 'unavailable',
    r: Omit<ServiceResponse, 'attempts' | 'durationMs'>,
  ): ServiceResponse {
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
    const message = this.pool.stopped
      ? 'the daemon pool is stopped'
      : attempts > 0
        ? `no daemon could serve the request (${attempts} attempt${attempts === 1 ? '' : 's'} failed)`
        : anyRoutable
          ? 'every daemon is busy; try again shortly'
          : 'no healthy daemon is available; try again shortly';
    const r = failed({ ...poolError('unavailable', 503, 'Unavailable', message), retryAfterSeconds: retryAfter });
    return { ...r, headers: { 'Retry-After': String(retryAfter) } };
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

  /** one attempt (the slot is taken already); null when it was withdrawn; accounts the verdict on the daemon */
  private async attempt(d: ManagedDaemon, path: CodecPath, body: Uint8Array, contentType: string, signal: AbortSignal): Promise<Attempt | null> {
    const proc = d.proc;
    d.totalRequests++;
    this.pool.metrics.attempts.inc({ daemon: d.id });
    const t0 = performance.now();
    let result: AttemptResult;
    let answer: DaemonAnswer | null = null;
    try {
      answer = await d.client.request('POST', path, body, contentType, this.pool.config.requestTimeoutMs, signal);
      d.latency.record(performance.now() - t0);
      result = { kind: 'answer', status: answer.status, body: answer.body };
    } catch (err) {
      if (signal.aborted) {
        this.release(d);
        return null;
      }
      if (err instanceof DaemonTimeoutError) result = { kind: 'timeout' };
      else if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') result = { kind: 'refused' };
      else result = { kind: 'connection', daemonDied: await diedDuring(proc) };
    }
    this.release(d);
    const verdict = classifyAttempt(result, path);
    if (countsAgainstDaemon(verdict)) this.pool.attemptFailed(d, 'why' in verdict ? verdict.why : verdict.verdict);
    else if (verdict.verdict !== 'busy') d.breaker.recordSuccess();
    return { daemon: d, verdict, answer };
  }
}

function poolError(cls: ServiceError['class'], status: number, kind: string, message: string): ServiceError {
  return { class: cls, status, kind, message, code: null, line: null, column: null, offset: null, context: [], hint: null, retryAfterSeconds: null };
}

function poisonError(daemons: string[]): ServiceError {
  return {
    ...poolError('poison', 422, 'Poison Input', `this input crashed the engine on ${daemons.length} daemons (${daemons.join(', ')}); it was not tried further`),
    hint: 'the input is valid enough to reach the engine but breaks it; report it with the input attached',
  };
}

function failed(error: ServiceError): Omit<ServiceResponse, 'attempts' | 'durationMs'> {
  return { status: error.status, contentType: 'application/json', body: new Uint8Array(0), headers: {}, daemonId: null, error };
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

function passOnHeaders(answer: DaemonAnswer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer.headers)) if (k.startsWith('x-') && typeof v === 'string') out[k] = v;
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
