/**
 * The pool supervisor, a thin edge around lib/pool's slot machine: it feeds the machine
 * what happens to processes (ready, exited, a health check passed or failed, a timer
 * fired, an operator asked) and carries out what the machine decides (spawn, drain, set
 * or clear the restart timer). Requests go through the Dispatcher (dispatch.ts), which
 * subscribes to capacity changes.
 */
import {
  EventLog,
  HistorySeries,
  TimedLatencyRing,
  createSlot,
  isProbed,
  isSettled,
  systemClock,
  transition,
  type Clock,
  type RestartPolicy,
  type SlotInput,
  type SlotState,
  type Step,
} from '../../lib/pool';
import { renderCommand, type ServiceConfig } from '../../lib/config';
import type { PoolEvent, PoolEventType } from '../../lib/service/contract';
import { DaemonProcess, describeExit } from './daemon-process';
import { ManagedDaemon } from './managed-daemon';
import { PoolMetrics } from './metrics';
import { readRssBytes, rssFromHealth } from './rss';
import { createInstanceRoot, prepareWorkdir, removeInstanceRoot } from './workdir';

export interface PoolOptions {
  clock?: Clock;
  onEvent?: (e: PoolEvent) => void;
  /** the built-in daemon's script, resolved by the caller (null with an external command) */
  builtinScript: string | null;
}

/** a suspect daemon must answer its health check this fast */
const SUSPECT_PROBE_MS = 1_000;

export class Pool {
  readonly clock: Clock;
  readonly events: EventLog;
  readonly history: HistorySeries;
  readonly latency: TimedLatencyRing;
  readonly metrics: PoolMetrics;
  readonly policy: RestartPolicy;
  readonly daemons: ManagedDaemon[] = [];
  totalRequests = 0;
  failedRequests = 0;
  daemonRestarts = 0;
  stopped = false;
  /** this service's own folder under the pool root (workdir.ts) */
  instanceRoot: string | null = null;
  private targetSize: number;
  private healthTimer: NodeJS.Timeout | null = null;
  private sampleTimer: NodeJS.Timeout | null = null;
  private resizing: Promise<unknown> = Promise.resolve();
  private readonly capacityListeners = new Set<() => void>();
  private readonly settleWaiters = new Map<ManagedDaemon, ((s: SlotState) => void)[]>();
  private readonly exitGuard = () => {
    for (const d of this.daemons) d.proc?.forceKill();
  };

  constructor(
    readonly config: ServiceConfig,
    private readonly options: PoolOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.events = new EventLog(this.clock, 1000, options.onEvent);
    this.history = new HistorySeries(this.clock, config.historyRetentionMs);
    this.latency = new TimedLatencyRing(this.clock, 8192);
    this.targetSize = config.poolEnabled ? config.poolSize : 1;
    this.policy = {
      restartDelayMs: config.restartDelayMs,
      maxRestartAttempts: config.maxRestartAttempts,
      backoffCapMs: config.restartBackoffCapMs,
      stableAfterMs: config.stableAfterMs,
      giveUp: config.giveUp,
    };
    this.metrics = new PoolMetrics({ daemons: () => this.daemons, size: () => this.targetSize });
  }

  get size(): number {
    return this.targetSize;
  }

  /** called whenever a daemon may have become able (or unable) to take requests */
  onCapacityChange(listener: () => void): () => void {
    this.capacityListeners.add(listener);
    return () => this.capacityListeners.delete(listener);
  }

  private capacityChanged(): void {
    for (const l of this.capacityListeners) l();
  }

  portOf(index: number): number {
    return this.config.poolEnabled ? this.config.basePort + index : this.config.singlePort;
  }

  event(type: PoolEventType, d: ManagedDaemon | null, message: string): void {
    this.events.add(type, d ? d.id : null, message);
  }

  /** the only way a slot's state changes: the machine decides, the edge carries it out */
  feed(d: ManagedDaemon, input: SlotInput): void {
    this.apply(d, transition(d.id, d.slot, input, this.clock.now(), this.policy));
  }

  private apply(d: ManagedDaemon, step: Step): void {
    const before = d.slot;
    d.slot = step.state;
    for (const e of step.events) {
      if (e.type === 'restarted') {
        d.restarts++;
        this.daemonRestarts++;
        this.metrics.restarts.inc({ daemon: d.id });
      }
      const pid = (e.type === 'started' || e.type === 'restarted') && d.proc ? ` (pid ${d.proc.pid}, port ${d.port})` : '';
      this.event(e.type, d, e.message + pid);
    }
    for (const effect of step.effects) {
      switch (effect.type) {
        case 'spawn':
          this.spawn(d);
          break;
        case 'drain':
          void this.drain(d);
          break;
        case 'set_restart_timer':
          this.setRestartTimer(d, effect.at);
          break;
        case 'clear_restart_timer':
          this.clearRestartTimer(d);
          break;
      }
    }
    if (before !== d.slot) {
      this.capacityChanged();
      if (isSettled(d.slot)) {
        const waiters = this.settleWaiters.get(d);
        this.settleWaiters.delete(d);
        for (const w of waiters ?? []) w(d.slot);
      }
    }
  }

  /** resolves with the slot's state once it settles (running, or down with or without a timer) */
  private whenSettled(d: ManagedDaemon): Promise<SlotState> {
    return new Promise((resolve) => {
      const list = this.settleWaiters.get(d) ?? [];
      list.push(resolve);
      this.settleWaiters.set(d, list);
    });
  }

  /** starts every daemon; fails (stopping those that came up) when fewer than half are ready */
  async start(): Promise<void> {
    process.on('exit', this.exitGuard);
    this.instanceRoot = await createInstanceRoot(this.config.poolRoot);
    const added = this.addSlots(0, this.targetSize, 'initial');
    const settled = await Promise.all(added.map((a) => a.settled));
    const ready = settled.filter((s) => s.name === 'running').length;
    if (ready * 2 < this.targetSize || ready === 0) {
      const failures = this.events
        .latest(50)
        .filter((e) => e.type === 'restart_failed')
        .sort((a, b) => (this.find(a.daemon_id ?? '')?.index ?? 0) - (this.find(b.daemon_id ?? '')?.index ?? 0))
        .map(
          (e) =>
            `${e.daemon_id} (port ${this.find(e.daemon_id ?? '')?.port}): ${e.message.replace(/^\S+ did not start: /, '').replace(/; restarting in .*$/, '')}`,
        );
      await this.stop();
      throw new Error(`daemon pool start-up failed: only ${ready} of ${this.targetSize} daemons became ready; ${failures.join('; ')}`);
    }
    this.healthTimer = setInterval(() => this.healthTick(), this.config.healthIntervalMs);
    this.healthTimer.unref();
    this.sampleTimer = setInterval(() => this.sample(), this.config.sampleIntervalMs);
    this.sampleTimer.unref();
    this.sample();
  }

  /** new slots from..to-1, each starting its first process */
  private addSlots(from: number, to: number, reason: 'initial' | 'grow'): { d: ManagedDaemon; settled: Promise<SlotState> }[] {
    const out: { d: ManagedDaemon; settled: Promise<SlotState> }[] = [];
    for (let i = from; i < to; i++) {
      const step = createSlot(this.clock.now(), reason);
      const d = new ManagedDaemon(i, this.portOf(i), this.config.daemonHost, this.config, this.clock, step.state);
      this.daemons.push(d);
      const settled = this.whenSettled(d);
      this.apply(d, { ...step, state: d.slot });
      out.push({ d, settled });
    }
    return out;
  }

  /** the spawn effect: start a process in the slot and report how it went */
  private spawn(d: ManagedDaemon): void {
    const seq = ++d.spawnSeq;
    const current = () => seq === d.spawnSeq && d.slot.name === 'starting' && !this.stopped;
    prepareWorkdir(this.instanceRoot ?? this.config.poolRoot, d.id, this.config.binDir).then(
      (cwd) => {
        if (!current()) return; // a drain, a newer start or stop() owns the slot now
        const externalArgv = this.config.command ? renderCommand(this.config.command.argv, d.port, this.config.daemonHost) : null;
        const proc = new DaemonProcess({ port: d.port, host: this.config.daemonHost, cwd, externalArgv, builtinScript: this.options.builtinScript });
        d.proc = proc;
        void proc.exited.then((info) => this.onExit(d, proc, describeExit(info)));
        proc
          .waitReady(this.config.readyTimeoutMs, () => this.probe(d, Math.min(1000, this.config.requestTimeoutMs), proc.pid))
          .then(
            () => {
              if (d.proc !== proc || !current() || proc.hasExited) return;
              d.breaker.reset();
              d.startedAtMs = this.clock.now();
              d.rssBytes = readRssBytes(proc.pid);
              this.feed(d, { type: 'ready' });
            },
            (err: Error) => {
              proc.forceKill();
              if (d.proc === proc && current()) this.feed(d, { type: 'start_failed', why: err.message });
            },
          );
      },
      (err: Error) => {
        if (current()) this.feed(d, { type: 'start_failed', why: `cannot prepare its working folder: ${err.message}` });
      },
    );
  }

  private onExit(d: ManagedDaemon, proc: DaemonProcess, how: string): void {
    if (d.proc !== proc) return;
    d.rssBytes = null;
    // a start that fails is reported by waitReady's rejection, which carries the output
    if (d.slot.name !== 'running') return;
    const tail = proc.outputTail();
    this.feed(d, { type: 'exited', how: `pid ${proc.pid}: ${how}${tail ? `; last output: ${tail}` : ''}` });
  }

  /** the drain effect: no new requests (the state says so), in-flight ones finish, the process stops */
  private async drain(d: ManagedDaemon): Promise<void> {
    d.spawnSeq++; // cancels a start that has not spawned yet
    if (!this.stopped) await d.whenIdle(this.config.requestTimeoutMs + 1000);
    await d.proc?.stop();
    this.feed(d, { type: 'stopped' });
  }

  private setRestartTimer(d: ManagedDaemon, at: number): void {
    this.clearRestartTimer(d);
    if (this.stopped) return;
    d.restartTimer = setTimeout(
      () => {
        d.restartTimer = null;
        if (!this.stopped) this.feed(d, { type: 'restart_due' });
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private clearRestartTimer(d: ManagedDaemon): void {
    if (d.restartTimer) clearTimeout(d.restartTimer);
    d.restartTimer = null;
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

  /** the periodic health check; it is also the breaker's half-open probe */
  async checkHealth(d: ManagedDaemon): Promise<void> {
    if (d.healthPending || !isProbed(d.slot) || !d.proc) return;
    d.healthPending = true;
    const proc = d.proc;
    if (d.breaker.beginProbe()) this.event('breaker_half_open', d, `${d.id}: probing with a health check`);
    const ok = await this.probe(d, this.config.requestTimeoutMs);
    d.healthPending = false;
    if (d.proc !== proc || !isProbed(d.slot)) return;
    d.lastHealthCheckMs = this.clock.now();
    if (ok) {
      // a check that began before the breaker opened is its probe too: open → half-open → closed
      if (d.breaker.beginProbe()) this.event('breaker_half_open', d, `${d.id}: a health check in flight when the breaker opened probes it`);
      this.feed(d, { type: 'health_passed' });
      if (d.breaker.probePassed()) this.event('breaker_closed', d, `${d.id}: breaker closed after a passed health check`);
    } else {
      this.feed(d, { type: 'health_failed', why: 'failed its health check' });
      const t = d.breaker.probeFailed();
      if (t?.to === 'open') this.event('breaker_opened', d, `${d.id}: breaker opened after ${d.breaker.consecutiveFailures} consecutive failures`);
    }
    this.capacityChanged();
  }

  /**
   * An attempt on `d` stayed silent past its hedge deadline: it must answer a health check
   * fast, or it is taken out of rotation with its breaker open until a regular health
   * check passes again. A quick answer changes nothing (the engine may just be busy).
   */
  suspect(d: ManagedDaemon, waitedMs: number): void {
    if (d.suspectPending || !isProbed(d.slot) || !d.proc) return;
    d.suspectPending = true;
    const proc = d.proc;
    this.event('suspect', d, `${d.id} has not answered a request for ${Math.round(waitedMs)} ms; probing it`);
    void this.probe(d, Math.min(SUSPECT_PROBE_MS, this.config.requestTimeoutMs)).then((ok) => {
      d.suspectPending = false;
      if (ok || d.proc !== proc || !isProbed(d.slot)) return;
      this.feed(d, { type: 'health_failed', why: `no answer to a health check within ${SUSPECT_PROBE_MS} ms while a request hangs` });
      if (d.breaker.trip()) this.event('breaker_opened', d, `${d.id}: breaker opened: a request and a health check went unanswered`);
      this.capacityChanged();
    });
  }

  /** an attempt on `d` failed in a way that counts against it (transport, engine failure, death) */
  attemptFailed(d: ManagedDaemon, why: string): void {
    d.failedRequests++;
    this.metrics.attemptFailures.inc({ daemon: d.id });
    this.feed(d, { type: 'attempt_failed', why });
    const t = d.breaker.recordFailure();
    if (t?.to === 'open') this.event('breaker_opened', d, `${d.id}: breaker opened after ${d.breaker.consecutiveFailures} consecutive failures (${why})`);
    this.capacityChanged();
  }

  resetCircuitBreakers(): number {
    let reset = 0;
    for (const d of this.daemons) if (d.breaker.reset()) reset++;
    this.event('breakers_reset', null, `Reset circuit breakers for ${reset} instance(s)`);
    this.capacityChanged();
    return reset;
  }

  find(id: string): ManagedDaemon | null {
    return this.daemons.find((d) => d.id === id) ?? null;
  }

  /** an operator restart: drain, stop, start, wait until it is running again; false when no such daemon */
  async restartDaemon(id: string): Promise<boolean> {
    const d = this.find(id);
    if (!d || d.slot.name === 'retired' || this.stopped) return false;
    const settled = this.whenSettled(d);
    this.feed(d, { type: 'operator_restart' });
    const after = await settled;
    if (after.name !== 'running' && after.name !== 'retired') throw new Error(`${id} did not come back: see its events`);
    return true;
  }

  /** restarts daemons one at a time; the others keep serving, so no request is lost */
  async rollingRestart(): Promise<void> {
    for (const d of [...this.daemons]) if (!this.stopped && this.daemons.includes(d)) await this.restartDaemon(d.id).catch(() => undefined);
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
    this.targetSize = size;
    if (size > before) {
      await Promise.all(this.addSlots(before, size, 'grow').map((a) => a.settled));
    } else if (size < before) {
      const removed = this.daemons.slice(size);
      await Promise.all(
        removed.map((d) => {
          const settled = this.whenSettled(d);
          this.feed(d, { type: 'retire' });
          return settled;
        }),
      );
      for (const d of removed) {
        this.daemons.splice(this.daemons.indexOf(d), 1);
        d.client.close();
      }
    }
    this.event('resized', null, `pool resized from ${before} to ${size} daemons`);
    this.capacityChanged();
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

  /** stops every daemon and every timer, and removes this service's working folders */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.sampleTimer) clearInterval(this.sampleTimer);
    this.capacityChanged();
    await Promise.all(
      this.daemons.map(async (d) => {
        const settled = d.slot.name === 'retired' ? Promise.resolve(d.slot) : this.whenSettled(d);
        this.feed(d, { type: 'retire' });
        await settled;
        d.client.close();
      }),
    );
    process.removeListener('exit', this.exitGuard);
    if (this.instanceRoot) await removeInstanceRoot(this.instanceRoot);
    this.event('stopped', null, 'pool stopped: every daemon is down');
  }
}
