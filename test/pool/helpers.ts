/** Shared set-up for the pool's process tests: free ports, short-interval configs, cleanup. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type ServiceConfig } from '../../lib/config';
import type { FdoService } from '../../lib/service/contract';
import { startService } from '../../server/pool';
import { freePortRun } from '../support/ports';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const FAKE_DAEMON = path.join(FIXTURES, 'fake-daemon.cjs');
export const FAKE_EXTERNAL = path.join(FIXTURES, 'fake-external-daemon.cjs');
export const REPO = path.resolve(__dirname, '..', '..');

/** a base port with `count` (plus spare for growth) consecutive free ports on loopback */
export const freePorts = freePortRun;

/** short intervals so fault tests finish quickly */
export const FAST_ENV: Record<string, string> = {
  FDO_DAEMON_HEALTH_INTERVAL: '0.2',
  FDO_DAEMON_RESTART_DELAY: '0.3',
  FDO_DAEMON_REQUEST_TIMEOUT: '1',
  FDO_DAEMON_READY_TIMEOUT: '10',
  FDO_DAEMON_MAX_RETRIES: '3',
  FDO_DAEMON_CIRCUIT_BREAKER_THRESHOLD: '3',
  FDO_POOL_SAMPLE_INTERVAL: '0.5',
};

const tempDirs: string[] = [];

/** the one service's own folder under a pool root (server/pool/workdir.ts) */
export function instanceRoot(poolRoot: string): string {
  const runs = fs.readdirSync(poolRoot).filter((n) => n.startsWith('run-'));
  if (runs.length !== 1) throw new Error(`expected one service folder under ${poolRoot}, found ${runs.join(', ') || 'none'}`);
  return path.join(poolRoot, runs[0]!);
}

/** a fresh folder (pool root, bin dir), removed by stopAll */
export function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-test-'));
  tempDirs.push(dir);
  return dir;
}

/** a pool-mode config over the fake built-in daemon (or `env` overrides) */
export async function poolConfig(size: number, env: Record<string, string> = {}): Promise<ServiceConfig> {
  const base = await freePorts(size + 2);
  const config = loadConfig({
    ...FAST_ENV,
    FDO_DAEMON_POOL_ENABLED: 'true',
    FDO_DAEMON_POOL_SIZE: String(size),
    FDO_DAEMON_POOL_BASE_PORT: String(base),
    FDO_DAEMON_POOL_ROOT: tempRoot(),
    ...env,
  });
  if (!config.command) config.builtinDaemonScript = FAKE_DAEMON;
  return config;
}

const running = new Set<FdoService>();

export async function start(config: ServiceConfig): Promise<FdoService> {
  const service = await startService(config);
  running.add(service);
  return service;
}

/** stops every service a test started and removes its folders (call in afterEach) */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
  running.clear();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 25): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await cond()) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function text(body: Uint8Array): string {
  return Buffer.from(body).toString('latin1');
}

export function reversed(s: string): string {
  return [...s].reverse().join('');
}

export { alive } from '../support/processes';

/** runs `clients` loops that each send requests one after another until `stop()` says so */
export async function load(clients: number, send: (i: number) => Promise<void>, until: () => boolean): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!until()) await send(i++);
    }),
  );
}
