/**
 * Working folders. Each service instance owns one folder under the pool root
 * (FDO_DAEMON_POOL_ROOT, default <tmpdir>/fdo_daemon_pool), named after its pid and a
 * random tag, so two services on one host never share or delete each other's folders;
 * it removes its own on stop, and a service that starts removes folders that services
 * killed with SIGKILL left behind (their pid is gone). Inside it, each daemon runs in its
 * own folder (daemon_i) holding links to the files of FDO_DAEMON_BIN_DIR: the reference
 * engine finds its DLLs and data next to itself, and separate folders keep daemons from
 * sharing temporary files.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const INSTANCE = /^run-(\d+)-[0-9a-f]{8}$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** creates this service's folder under the pool root; removes the folders of dead services */
export async function createInstanceRoot(poolRoot: string): Promise<string> {
  await fs.mkdir(poolRoot, { recursive: true });
  for (const name of await fs.readdir(poolRoot).catch(() => [] as string[])) {
    const m = INSTANCE.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1])))
      await fs.rm(path.join(poolRoot, name), { recursive: true, force: true }).catch(() => undefined);
  }
  const dir = path.join(poolRoot, `run-${process.pid}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(dir);
  return dir;
}

export async function removeInstanceRoot(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

export async function prepareWorkdir(instanceRoot: string, daemonId: string, binDir: string | null): Promise<string> {
  const dir = path.join(instanceRoot, daemonId);
  await fs.mkdir(dir, { recursive: true });
  if (binDir) {
    for (const name of await fs.readdir(binDir)) {
      const link = path.join(dir, name);
      const target = path.join(binDir, name);
      const existing = await fs.readlink(link).catch(() => null);
      if (existing === target) continue;
      await fs.rm(link, { recursive: true, force: true });
      await fs.symlink(target, link);
    }
  }
  return dir;
}
