/**
 * The pool supervisor: starts the daemons, watches them (child 'exit' at once, /health on
 * a timer), restarts crashed ones within their budget, and carries out operator actions
 * (breaker reset, restart, rolling restart, resize, stop). Requests go through the
 * Dispatcher (dispatch.ts); the decisions themselves are lib/pool's plain policy.
 */
import { EventLog, HistorySeries, LatencyWindow, isProbed, systemClock, type Clock } from '../../lib/pool';
import { renderCommand, type ServiceConfig } from '../../lib/config';
import type { PoolEvent, PoolEventType } from '../../lib/service/contract';
import { DaemonProcess, describeExit } from './daemon-process';
import { ManagedDaemon } from './managed-daemon';
import { PoolMetrics } from './metrics';
import { readRssBytes, rssFromHealth } from './rss';
import { prepareWorkdir } from './workdir';

export interface PoolOptions {
  clock?: Clock;
  onEvent?: (e: PoolEvent) => void;
  /** the built-in daemon's script, resolved by the caller (null with an external command) */
  builtinScript: string | null;
}

export class Pool {
  readonly clock: Clock;
  readonly events: EventLog;
  readonly history: HistorySeries;
  readonly latency: LatencyWindow;
  readonly metrics: PoolMetrics;
  readonly daemons: ManagedDaemon[] = [];
  totalRequests = 0;
  failedRequests = 0;
  daemonRestarts = 0;
  stopped = false;
  private targetSize: number;
  private healthTimer: NodeJS.Timeout | null = null;
  private sampleTimer: NodeJS.Timeout | null = null;
  private resizing: Promise<unknown> = Promise.resolve();
  private readonly exitGuard = () => {
    for (const d of this.daemons) d.proc?.forceKill();
  };
  /** called whenever a daemon may have become able (or unable) to take requests */
  onCapacityChange: () => void = () => undefined;

  constructor(
    readonly config: ServiceConfig,
    private readonly options: PoolOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.events = new EventLog(this.clock, 1000, options.onEvent);
    this.history = new HistorySeries(this.clock, config.historyRetentionMs);
    this.latency = new LatencyWindow(this.clock, 8192);
    this.targetSize = config.poolEnabled ? config.poolSize : 1;
    this.metrics = new PoolMetrics({ daemons: () => this.daemons, queued: () => this.queuedCount(), size: () => this.targetSize });
  }

  queuedCount: () => number = () => 0;

  get size(): number {
    return this.targetSize;
  }

  portOf(index: number): number {
    return this.config.poolEnabled ? this.config.basePort + index : this.config.singlePort;
  }

  event(type: PoolEventType, d: ManagedDaemon | null, message: string): void {
    this.events.add(type, d ? d.id : null, message);
  }

  /** starts every daemon; fails (stopping those that came up) when fewer than half are ready */
  async start(): Promise<void> {
    process.on('exit', this.exitGuard);
    for (let i = 0; i < this.targetSize; i++) this.daemons.push(this.newSlot(i));
    const results = await Promise.allSettled(this.daemons.map((d) => this.launch(d)));
    const failures: string[] = [];
    results.forEach((r, i) => {
      const d = this.daemons[i]!;
      if (r.status === 'fulfilled') this.event('started', d, `${d.id} started on port ${d.port} (pid ${d.proc?.pid})`);
      else failures.push(`${d.id} (port ${d.port}): ${(r.reason as Error).message}`);
    });
    const ready = results.filter((r) => r.status === 'fulfilled').length;
    if (ready * 2 < this.targetSize || ready === 0) {
      await this.stop();
      throw new Error(`daemon pool start-up failed: only ${ready} of ${this.targetSize} daemons became ready; ${failures.join('; ')}`);
    }
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') {
        const d = this.daemons[i]!;
        this.event('restart_failed', d, `${d.id} did not start: ${(r.reason as Error).message}`);
        this.scheduleRestart(d);
      }
    }
    this.healthTimer = setInterval(() => this.healthTick(), this.config.healthIntervalMs);
    this.healthTimer.unref();
    this.sampleTimer = setInterval(() => this.sample(), this.config.sampleIntervalMs);
    this.sampleTimer.unref();
    this.sample();
  }

  private newSlot(index: number): ManagedDaemon {
    return new ManagedDaemon(index, this.portOf(index), this.config.daemonHost, this.config, this.clock);
  }

  /** starts a process in the slot and waits until it is ready */
  private async launch(d: ManagedDaemon): Promise<void> {
    const seq = ++d.launchSeq;
    const cwd = await prepareWorkdir(this.config.poolRoot, d.id, this.config.binDir);
    // an operator restart, a shrink or stop() came in meanwhile and owns the slot now
    if (seq !== d.launchSeq || this.stopped || d.retired) throw new Error('start cancelled');
    const externalArgv = this.config.command ? renderCommand(this.config.command.argv, d.port, this.config.daemonHost) : null;
    const proc = new DaemonProcess({ port: d.port, host: this.config.daemonHost, cwd, externalArgv, builtinScript: this.options.builtinScript });
    d.generation++;
    d.proc = proc;
    d.apply('spawn');
    void proc.exited.then((info) => this.onExit(d, proc, describeExit(info)));
    try {
      await proc.waitReady(this.config.readyTimeoutMs, () => this.probe(d, Math.min(1000, this.config.requestTimeoutMs), proc.pid));
    } catch (err) {
      proc.forceKill();
      throw err;
    }
    if (d.proc !== proc || proc.hasExited) throw new Error('stopped while starting');
    d.breaker.reset();
    d.apply('ready');
    d.startedAtMs = this.clock.now();
    d.budget.markRunning();
    d.rssBytes = readRssBytes(proc.pid);
    this.onCapacityChange();
  }

  private onExit(d: ManagedDaemon, proc: DaemonProcess, how: string): void {
    if (d.proc !== proc) return;
    d.budget.markDown();
    d.rssBytes = null;
    if (d.stopping || d.retired) return;
    const wasStarting = d.state === 'restarting';
    d.apply('exited');
    this.onCapacityChange();
    if (wasStarting) return; // launch() sees the exit and reports it
    this.event('crashed', d, `${d.id} (pid ${proc.pid}) exited: ${how}${proc.outputTail() ? `; last output: ${proc.outputTail()}` : ''}`);
    this.scheduleRestart(d);
  }

  private scheduleRestart(d: ManagedDaemon): void {
    if (this.stopped || d.retired || d.restartTimer || d.draining) return;
    if (!d.budget.canRestart()) {
      if (!d.gaveUp) this.event('gave_up', d, `${d.id} used its ${this.config.maxRestartAttempts} restart attempts; it stays down until an operator restarts it`);
      d.gaveUp = true;
      return;
    }
    d.restartTimer = setTimeout(() => {
      d.restartTimer = null;
      if (this.stopped || d.retired || d.draining) return;
      d.budget.recordAttempt();
      this.event('restarting', d, `restarting ${d.id} (attempt ${d.budget.attemptsUsed} of ${this.config.maxRestartAttempts})`);
      this.launch(d).then(
        () => this.restarted(d, 'after a crash'),
        (err: Error) => {
          if (this.stopped || d.retired || d.draining) return;
          d.state = 'crashed';
          this.event('restart_failed', d, `${d.id} failed to restart: ${err.message}`);
          this.scheduleRestart(d);
        },
      );
    }, this.config.restartDelayMs);
  }

  private restarted(d: ManagedDaemon, why: string): void {
    d.restarts++;
    d.gaveUp = false;
    this.daemonRestarts++;
    this.metrics.restarts.inc({ daemon: d.id });
    this.event('restarted', d, `${d.id} restarted ${why} (pid ${d.proc?.pid})`);
  }

  /**
   * GET /health on the daemon; true on a 200 answer. With `expectPid`, an answer that names
   * another pid fails: something else (an older daemon) holds the port.
   */
  private async probe(d: ManagedDaemon, timeoutMs: number, expectPid: number | null = null): Promise<boolean> {
    try {
      const answer = await d.client.request('GET', '/health', null, null, timeoutMs);
      if (answer.status !== 200) return false;
      let json: unknown = null;
      try {
        json = JSON.parse(answer.body.toString('utf8'));
      } catch {
        json = null; // the reference daemon's JSON is not always valid; the 200 is what counts
      }
      const pid = json && typeof json === 'object' ? (json as { pid?: unknown }).pid : undefined;
      if (expectPid !== null && typeof pid === 'number' && pid !== expectPid) return false;
      d.rssBytes = rssFromHealth(json) ?? readRssBytes(d.proc?.pid ?? null);
      return true;
    } catch {
      return false;
    }
  }

  private healthTick(): void {
    for (const d of this.daemons) void this.checkHealth(d);
  }

  async checkHealth(d: ManagedDaemon): Promise<void> {
    if (d.healthPending || !isProbed(d.state) || d.draining || !d.proc) return;
    d.healthPending = true;
    const generation = d.generation;
    if (d.breaker.beginProbe()) this.event('breaker_half_open', d, `${d.id}: probing with a health check`);
    const ok = await this.probe(d, this.config.requestTimeoutMs);
    d.healthPending = false;
    if (generation !== d.generation || !isProbed(d.state) || d.draining) return;
    d.lastHealthCheckMs = this.clock.now();
    if (ok) {
      // a check that began before the breaker opened is its probe too: open → half-open → closed
      if (d.breaker.beginProbe()) this.event('breaker_half_open', d, `${d.id}: a health check in flight when the breaker opened probes it`);
      if (d.apply('health_passed')) this.event('healthy', d, `${d.id} passed its health check`);
      if (d.breaker.probePassed()) this.event('breaker_closed', d, `${d.id}: breaker closed after a passed health check`);
      d.budget.canRestart(); // lets a stable daemon earn its budget back
      this.onCapacityChange();
    } else {
      if (d.apply('health_failed')) this.event('unhealthy', d, `${d.id} failed its health check`);
      const t = d.breaker.probeFailed();
      if (t?.to === 'open') this.event('breaker_opened', d, `${d.id}: breaker opened after ${d.breaker.consecutiveFailures} consecutive failures`);
      this.onCapacityChange();
    }
  }

  /** an attempt on `d` failed (connection error, timeout, 5xx, death) */
  attemptFailed(d: ManagedDaemon, why: string): void {
    d.failedRequests++;
    this.metrics.attemptFailures.inc({ daemon: d.id });
    if (d.apply('attempt_failed')) this.event('unhealthy', d, `${d.id} marked unhealthy: ${why}`);
    const t = d.breaker.recordFailure();
    if (t?.to === 'open') this.event('breaker_opened', d, `${d.id}: breaker opened after ${d.breaker.consecutiveFailures} consecutive failures (${why})`);
    this.onCapacityChange();
  }

  resetCircuitBreakers(): number {
    let reset = 0;
    for (const d of this.daemons) if (d.breaker.reset()) reset++;
    this.event('breakers_reset', null, `Reset circuit breakers for ${reset} instance(s)`);
    this.onCapacityChange();
    return reset;
  }

  find(id: string): ManagedDaemon | null {
    return this.daemons.find((d) => d.id === id) ?? null;
  }

  /** takes the daemon out of rotation, lets its requests finish, stops it */
  private async drainAndStop(d: ManagedDaemon): Promise<void> {
    if (d.restartTimer) clearTimeout(d.restartTimer);
    d.restartTimer = null;
    d.draining = true;
    d.launchSeq++; // cancels a start that has not spawned yet
    d.apply('drain');
    this.onCapacityChange();
    await d.whenIdle(this.config.requestTimeoutMs + 1000);
    d.stopping = true;
    try {
      await d.proc?.stop();
    } finally {
      d.stopping = false;
    }
  }

  /** an operator restart: drain, stop, start, wait until ready; false when no such daemon */
  async restartDaemon(id: string): Promise<boolean> {
    const d = this.find(id);
    if (!d || d.retired || this.stopped) return false;
    const run = d.operation.then(async () => {
      if (d.retired || this.stopped) return;
      this.event('restarting', d, `operator restart of ${d.id}: draining ${d.inFlight} request(s)`);
      await this.drainAndStop(d);
      if (d.retired || this.stopped) return;
      d.budget.restore();
      d.gaveUp = false;
      try {
        await this.launch(d);
        this.restarted(d, 'by an operator');
      } catch (err) {
        d.state = 'crashed';
        this.event('restart_failed', d, `${d.id} failed to restart: ${(err as Error).message}`);
        d.draining = false;
        this.scheduleRestart(d);
      } finally {
        d.draining = false;
        this.onCapacityChange();
      }
    });
    d.operation = run.catch(() => undefined);
    await run;
    return true;
  }

  /** restarts daemons one at a time; the others keep serving, so no request is lost */
  async rollingRestart(): Promise<void> {
    for (const d of [...this.daemons]) await this.restartDaemon(d.id);
  }

  /** grows (new daemons on the next ports) or shrinks (drains and stops the highest ids) */
  resize(size: number): Promise<void> {
    const run = this.resizing.then(() => this.doResize(size));
    this.resizing = run.catch(() => undefined);
    return run;
  }

  private async doResize(size: number): Promise<void> {
    if (this.stopped) throw new Error('the pool is stopped');
    if (!this.config.poolEnabled) throw new Error('resize needs pool mode (FDO_DAEMON_POOL_ENABLED=true)');
    if (!Number.isInteger(size) || size < 1 || size > this.config.poolMaxSize) {
      throw new RangeError(`pool size must be a whole number from 1 to ${this.config.poolMaxSize} (FDO_DAEMON_POOL_MAX_SIZE), got ${size}`);
    }
    if (this.config.basePort + size - 1 > 65535) throw new RangeError(`pool size ${size} would put daemons past port 65535`);
    const before = this.daemons.length;
    if (size > before) {
      const added: ManagedDaemon[] = [];
      for (let i = before; i < size; i++) added.push(this.newSlot(i));
      this.daemons.push(...added);
      this.targetSize = size;
      await Promise.all(
        added.map((d) =>
          this.launch(d).then(
            () => this.event('started', d, `${d.id} started on port ${d.port} (pid ${d.proc?.pid})`),
            (err: Error) => {
              d.state = 'crashed';
              this.event('restart_failed', d, `${d.id} did not start: ${err.message}`);
              this.scheduleRestart(d);
            },
          ),
        ),
      );
    } else if (size < before) {
      this.targetSize = size;
      const removed = this.daemons.slice(size);
      await Promise.all(
        removed.map(async (d) => {
          await d.operation;
          await this.drainAndStop(d);
          d.retired = true;
          this.event('stopped', d, `${d.id} stopped (pool shrunk)`);
        }),
      );
      for (const d of removed) {
        this.daemons.splice(this.daemons.indexOf(d), 1);
        d.client.close();
      }
    }
    this.event('resized', null, `pool resized from ${before} to ${size} daemons`);
    this.onCapacityChange();
  }

  /** the time-series sample for the dashboard */
  private sample(): void {
    const windowMs = this.config.sampleIntervalMs;
    this.history.sample({
      requests: this.totalRequests,
      failures: this.failedRequests,
      p95Ms: this.latency.summary(windowMs).p95,
      healthy: this.daemons.filter((d) => d.routable).length,
      inFlight: this.daemons.reduce((n, d) => n + d.inFlight, 0),
      daemons: this.daemons.map((d) => ({
        id: d.id,
        requests: d.totalRequests,
        failures: d.failedRequests,
        state: d.state,
        rssBytes: d.rssBytes,
        p95Ms: d.latency.summary(windowMs).p95,
      })),
    });
  }

  /** stops every daemon and every timer */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.sampleTimer) clearInterval(this.sampleTimer);
    this.onCapacityChange();
    await Promise.all(
      this.daemons.map(async (d) => {
        if (d.restartTimer) clearTimeout(d.restartTimer);
        d.restartTimer = null;
        d.retired = true;
        d.stopping = true;
        await d.proc?.stop();
        d.client.close();
      }),
    );
    process.removeListener('exit', this.exitGuard);
    this.event('stopped', null, 'pool stopped: every daemon is down');
  }
}
