/** Starts a real FdoService (built-in daemons on free loopback ports) for the route tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FdoService } from '@/lib/service/contract';
import { loadConfig, startService } from '@/server/pool';
import { freePortRun } from '../support/ports';

export const ROOT = path.resolve(__dirname, '..', '..');

export { freePortRun };

export interface Started {
  service: FdoService;
  poolRoot: string;
  stop(): Promise<void>;
}

export async function startTestService(env: Record<string, string>): Promise<Started> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'daemon.js'))) throw new Error('dist/daemon.js is missing: run `npm run build:server` (npm run test:unit does)');
  const poolRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-web-test-'));
  const base = await freePortRun(Number(env.FDO_DAEMON_POOL_SIZE ?? 1));
  const service = await startService(
    loadConfig({
      FDO_DAEMON_POOL_BASE_PORT: String(base),
      FDO_DAEMON_PORT: String(base),
      FDO_DAEMON_POOL_ROOT: poolRoot,
      ATOMFORGE_HOME: ROOT,
      FDO_DAEMON_HEALTH_INTERVAL: '0.5',
      FDO_DAEMON_RESTART_DELAY: '0.2',
      ...env,
    }),
  );
  return {
    service,
    poolRoot,
    async stop() {
      for (const d of service.poolHealth().instances) {
        try {
          if (d.pid) process.kill(d.pid, 'SIGCONT');
        } catch {
          /* gone */
        }
      }
      await service.stop();
      fs.rmSync(poolRoot, { recursive: true, force: true });
    },
  };
}

export function post(pathname: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(`http://127.0.0.1${pathname}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

export function get(pathname: string): Request {
  return new Request(`http://127.0.0.1${pathname}`);
}

export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}
