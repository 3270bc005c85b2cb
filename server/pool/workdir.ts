/**
 * Each daemon runs in its own working folder (FDO_DAEMON_POOL_ROOT/daemon_i) that holds
 * links to the files of FDO_DAEMON_BIN_DIR: the reference engine finds its DLLs and data
 * next to itself, and separate folders keep daemons from sharing temporary files.
 */
import fs from 'node:fs';
import path from 'node:path';

export function prepareWorkdir(poolRoot: string, daemonId: string, binDir: string | null): string {
  const dir = path.join(poolRoot, daemonId);
  fs.mkdirSync(dir, { recursive: true });
  if (binDir) {
    for (const name of fs.readdirSync(binDir)) {
      const link = path.join(dir, name);
      const target = path.join(binDir, name);
      let existing: string | null = null;
      try {
        existing = fs.readlinkSync(link);
      } catch {
        existing = null;
      }
      if (existing === target) continue;
      fs.rmSync(link, { recursive: true, force: true });
      fs.symlinkSync(target, link);
    }
  }
  return dir;
}
