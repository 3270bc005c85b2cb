/**
 * One daemon process: spawning (the built-in daemon directly, an external command through
 * the watchdog), ready detection (the ready line on stdout, or a passing /health probe),
 * exit tracking, and stopping (SIGTERM, then SIGKILL after a grace period).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { environmentForChildren } from '../../lib/config/runtime-env';
import { WATCHDOG_SOURCE } from './watchdog';
import DAEMON_NODE_FLAGS from '../daemon/node-flags.json';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnSpec {
  port: number;
  host: string;
  cwd: string;
  /** argv of an external command ({port}/{host} substituted); null: the built-in daemon */
  externalArgv: string[] | null;
  builtinScript: string | null;
  env?: NodeJS.ProcessEnv;
}

const TAIL_LINES = 20;
const STOP_GRACE_MS = 3_000;

export class DaemonProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<ExitInfo>;
  private exitInfo: ExitInfo | null = null;
  private daemonPid: number | null = null;
  private readonly tail: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();

  constructor(readonly spec: SpawnSpec) {
    const env = { ...environmentForChildren(), ...spec.env };
    if (spec.externalArgv) {
      this.child = spawn(process.execPath, ['-e', WATCHDOG_SOURCE], {
        cwd: spec.cwd,
        env: { ...env, FDO_WATCHDOG_ARGV: JSON.stringify(spec.externalArgv), FDO_WATCHDOG_GRACE_MS: String(STOP_GRACE_MS) },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      this.child.on('message', (m: unknown) => {
        if (m && typeof m === 'object' && (m as { type?: unknown }).type === 'pid') this.daemonPid = Number((m as { pid: unknown }).pid) || null;
      });
    } else {
      if (!spec.builtinScript) throw new Error('no daemon script to start');
      // stdin stays open: the built-in daemon exits when it closes (its parent died)
      this.child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, spec.builtinScript, '--port', String(spec.port), '--host', spec.host], {
        cwd: spec.cwd,
        env: { ...env, FDO_DAEMON_PARENT_PID: String(process.pid) },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      this.daemonPid = this.child.pid ?? null;
    }
    this.exited = new Promise((resolve) => {
      const done = (info: ExitInfo) => {
        if (this.exitInfo) return;
        this.exitInfo = info;
        resolve(info);
      };
      this.child.once('exit', (code, signal) => done({ code, signal }));
      this.child.once('error', (err) => {
        this.remember(`spawn error: ${err.message}`);
        done({ code: null, signal: null });
      });
    });
    this.readLines(this.child.stdout);
    this.readLines(this.child.stderr);
    // the built-in daemon never reads stdin; an EPIPE on it must not crash the service
    this.child.stdin?.on('error', () => undefined);
  }

  /** the daemon's own pid (for an external command, not the watchdog's) */
  get pid(): number | null {
    return this.daemonPid ?? this.child.pid ?? null;
  }

  get hasExited(): boolean {
    return this.exitInfo !== null;
  }

  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  /** the last lines the process printed, for error messages */
  outputTail(): string {
    return this.tail.join(' | ');
  }

  /**
   * Resolves when the daemon is ready: its ready line names its port, or `probe` passes.
   * Rejects when it exits first or `timeoutMs` passes.
   */
  waitReady(timeoutMs: number, probe: () => Promise<boolean>, probeEveryMs = 200): Promise<void> {
    const readyLine = new RegExp(`listening on \\S*:${this.spec.port}\\b`, 'i');
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      let probing = false;
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearInterval(poll);
        this.lineListeners.delete(onLine);
        if (err) reject(err);
        else resolve();
      };
      const onLine = (line: string) => {
        if (readyLine.test(line)) finish();
      };
      this.lineListeners.add(onLine);
      if (this.tail.some((l) => readyLine.test(l))) finish();
      const deadline = setTimeout(
        () => finish(new Error(`not ready after ${timeoutMs} ms${this.tail.length ? `; it printed: ${this.outputTail()}` : ''}`)),
        timeoutMs,
      );
      const poll = setInterval(() => {
        if (probing || settled) return;
        probing = true;
        probe()
          .then((ok) => ok && finish())
          .catch(() => undefined)
          .finally(() => (probing = false));
      }, probeEveryMs);
      void this.exited.then((info) =>
        finish(new Error(`exited before it was ready (${describeExit(info)})${this.tail.length ? `; it printed: ${this.outputTail()}` : ''}`)),
      );
    });
  }

  signal(signal: NodeJS.Signals): void {
    if (this.hasExited) return;
    try {
      this.child.kill(signal);
    } catch {
      /* already gone */
    }
  }

  /** SIGTERM, then SIGKILL after the grace period (the process and, for an external command, its group) */
  async stop(graceMs = STOP_GRACE_MS): Promise<ExitInfo> {
    if (!this.hasExited) {
      this.signal('SIGTERM');
      const timer = setTimeout(() => this.forceKill(), graceMs + (this.spec.externalArgv ? 1000 : 0));
      await this.exited;
      clearTimeout(timer);
    }
    return this.exitInfo!;
  }

  forceKill(): void {
    this.signal('SIGKILL');
    if (this.spec.externalArgv && this.daemonPid) killGroup(this.daemonPid);
  }

  private remember(line: string): void {
    this.tail.push(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }

  private readLines(stream: NodeJS.ReadableStream | null): void {
    if (!stream) return;
    let pending = '';
    stream.setEncoding('latin1');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        if (line.trim()) {
          this.remember(line);
          for (const l of this.lineListeners) l(line);
        }
      }
      if (pending.length > 64 * 1024) pending = pending.slice(-1024);
    });
    stream.on('error', () => undefined);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* no such group: already gone */
  }
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
}
