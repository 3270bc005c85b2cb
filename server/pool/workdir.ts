/**
 * Each daemon runs in its own working folder (FDO_DAEMON_POOL_ROOT/daemon_i) that holds
 * links to the files of FDO_DAEMON_BIN_DIR: the reference engine finds its DLLs and data
 * next to itself, and separate folders keep daemons from sharing temporary files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export async function prepareWorkdir(poolRoot: string, daemonId: string, binDir: string | null): Promise<string> {
  const dir = path.join(poolRoot, daemonId);
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
