/**
 * Starts and stops the production server (next start) with a small pool of built-in
 * daemons on free loopback ports. It runs in its own process group so that teardown can
 * stop it and every daemon, even if the server misbehaves.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePortRun } from './ports';

export const ROOT = path.resolve(__dirname, '..', '..');
export const ADMIN_TOKEN = 'e2e-admin-token';
export const POOL_SIZE = 3;
const stateFile = (name: string) => path.join(ROOT, 'test-results', `${name}.json`);

/** Another server beside the main one (a spec's own setup: no token, narrowed local addresses ...). */
export interface ServerOptions {
  /** names its state and log files; the main server is 'e2e-server' */
  name?: string;
  poolSize?: number;
  /** added to (and overriding) the main server's environment */
  env?: Record<string, string>;
}

export interface ServerState {
  pid: number;
  baseURL: string;
  poolRoot: string;
  /** the library's folder for this run (tests never write ./data) */
  dataDir: string;
}

async function waitForHealth(baseURL: string, deadlineMs: number, exited: () => string | null, poolSize: number): Promise<void> {
  const end = Date.now() + deadlineMs;
  let last = '';
  while (Date.now() < end) {
    const gone = exited();
    if (gone) throw new Error(`the server exited during start-up (${gone})`);
    try {
      const res = await fetch(`${baseURL}/health`);
      const body = (await res.json()) as { status?: string; pool?: { healthy_instances?: number } };
      if (res.status === 200 && body.pool?.healthy_instances === poolSize) return;
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not become healthy in ${deadlineMs} ms (last: ${last})`);
}

export async function startServer(options: ServerOptions = {}): Promise<ServerState> {
  const name = options.name ?? 'e2e-server';
  const poolSize = options.poolSize ?? POOL_SIZE;
  const ports = await freePortRun(poolSize + 1);
  const webPort = ports + poolSize;
  const poolRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-e2e-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-e2e-library-'));
  const baseURL = `http://127.0.0.1:${webPort}`;
  const log = fs.openSync(path.join(ROOT, 'test-results', `${name}.log`), 'w');
  // the same launcher as `npm start`: production build, fast path, daemons as children
  // the library is this run's SQLite in dataDir, open to writes: an outer DATABASE_URL or token must not leak in
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.ATOMFORGE_LIBRARY_TOKEN;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.cjs')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: String(webPort),
      HOST: '127.0.0.1',
      FDO_POOL_SAMPLE_INTERVAL: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      ATOMFORGE_HOME: ROOT,
      ATOMFORGE_ADMIN_TOKEN: ADMIN_TOKEN,
      ATOMFORGE_DATA_DIR: dataDir,
      FDO_DAEMON_POOL_ENABLED: 'true',
      FDO_DAEMON_POOL_SIZE: String(poolSize),
      FDO_DAEMON_POOL_BASE_PORT: String(ports),
      FDO_DAEMON_POOL_ROOT: poolRoot,
      FDO_DAEMON_HEALTH_INTERVAL: '0.5',
      FDO_DAEMON_RESTART_DELAY: '0.5',
      FDO_DAEMON_MAX_RESTART_ATTEMPTS: '10',
      FDO_DAEMON_REQUEST_TIMEOUT: '1.0',
      FDO_DAEMON_MAX_RETRIES: '3',
      FDO_DAEMON_CIRCUIT_BREAKER_THRESHOLD: '3',
      ...options.env,
    },
  });
  let exitNote: string | null = null;
  child.on('exit', (code, signal) => (exitNote = `code ${code}, signal ${signal}`));
  const state: ServerState = { pid: child.pid!, baseURL, poolRoot, dataDir };
  fs.writeFileSync(stateFile(name), JSON.stringify(state));
  child.unref();
  try {
    await waitForHealth(baseURL, 60_000, () => exitNote, poolSize);
  } catch (err) {
    await stopServer(name);
    throw err;
  }
  return state;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, SIGKILL after a grace period; removes the pool's folders. */
export async function stopServer(name = 'e2e-server'): Promise<void> {
  const file = stateFile(name);
  if (!fs.existsSync(file)) return;
  const state = JSON.parse(fs.readFileSync(file, 'utf8')) as ServerState;
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-state.pid, sig);
    } catch {
      /* gone */
    }
  };
  // a daemon left stopped by a failed test would ignore SIGTERM until continued
  signalGroup('SIGCONT');
  signalGroup('SIGTERM');
  const end = Date.now() + 8000;
  while (groupAlive(state.pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(state.pid)) signalGroup('SIGKILL');
  fs.rmSync(state.poolRoot, { recursive: true, force: true });
  if (state.dataDir) fs.rmSync(state.dataDir, { recursive: true, force: true });
  fs.rmSync(file, { force: true });
}
