/**
 * How the daemon ends: on SIGTERM/SIGINT it stops accepting, lets requests in flight
 * finish and exits within 2 s; when the process that started it dies it stops the same
 * way, so a killed pool or web app never leaves orphaned daemons behind. Any one of these
 * tells that the parent is gone: the parent pid changes (Linux re-parents orphans), the
 * process named by FDO_DAEMON_PARENT_PID no longer exists, stdin (when it is a pipe from
 * the parent) reaches end-of-file, or the IPC channel closes.
 */
import fs from 'node:fs';
import { plumbing } from '../../lib/config/runtime-env';

export interface LifecycleOptions {
  /** drains and releases everything; must settle within graceMs */
  stop(graceMs: number): Promise<void>;
  info(message: string): void;
  exit(code: number): never | void;
  /** total time from the signal to exit */
  deadlineMs?: number;
  parentPollMs?: number;
}

export function installLifecycle(o: LifecycleOptions): { shutdown(reason: string): void } {
  const deadlineMs = o.deadlineMs ?? 1_900;
  let stopping = false;

  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    o.info(`stopping: ${reason}`);
    // Whatever happens while draining, the process is gone before the 2 s promise.
    setTimeout(() => o.exit(0), deadlineMs).unref();
    o.stop(Math.max(100, deadlineMs - 300)).then(
      () => o.exit(0),
      () => o.exit(0),
    );
  };

  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => (stopping ? o.exit(130) : shutdown('SIGINT')));
  process.on('SIGHUP', () => shutdown('SIGHUP'));

  // Orphan detection: Linux reparents an orphan to init or a subreaper, changing ppid.
  const parent = process.ppid;
  if (parent > 1) {
    setInterval(() => {
      if (process.ppid !== parent) shutdown(`parent process ${parent} exited`);
    }, o.parentPollMs ?? 500).unref();
  }
  // The pool's convention: it names itself, which also covers launchers in between (npm, sh).
  const named = Number(plumbing('FDO_DAEMON_PARENT_PID'));
  if (Number.isInteger(named) && named > 1 && named !== process.pid) {
    setInterval(() => {
      if (!processExists(named)) shutdown(`process ${named} (FDO_DAEMON_PARENT_PID) exited`);
    }, o.parentPollMs ?? 500).unref();
  }
  // stdin a pipe or socket from the parent: it closes when the parent dies. (A terminal or
  // /dev/null is not watched: `node dist/daemon.js < /dev/null` must keep running.)
  if (stdinIsPipe()) {
    process.stdin.on('end', () => shutdown('stdin closed'));
    process.stdin.on('error', () => shutdown('stdin failed'));
    process.stdin.resume();
  }
  // Started with an IPC channel (child_process.fork or stdio 'ipc'): its closing means the parent is gone.
  if (process.channel) {
    process.on('disconnect', () => shutdown('parent closed the IPC channel'));
    process.channel.unref();
  }
  return { shutdown };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function stdinIsPipe(): boolean {
  try {
    const st = fs.fstatSync(0);
    return st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}
