/**
 * Where the built-in daemon lives. The service may run from tsx, from dist/, or bundled by
 * Next.js into .next/server, where __dirname says nothing useful; so the repo root is
 * ATOMFORGE_HOME when set, else the current folder when it holds dist/daemon.js, else the
 * folder two levels above this file.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DAEMON_SCRIPT = path.join('dist', 'daemon.js');

export function candidateHomes(home: string | null): string[] {
  const list: string[] = [];
  if (home) list.push(home);
  list.push(process.cwd());
  if (typeof __dirname === 'string') list.push(path.resolve(__dirname, '..', '..'));
  return [...new Set(list)];
}

/** the built-in daemon's script; throws a clear error when it has not been built */
export function resolveBuiltinDaemon(home: string | null, override: string | null): string {
  if (override) {
    const file = path.resolve(override);
    if (!fs.existsSync(file)) throw new Error(`built-in daemon script ${file} does not exist`);
    return file;
  }
  const homes = home ? [home] : candidateHomes(null);
  for (const h of homes) {
    const file = path.join(h, DAEMON_SCRIPT);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(
    `the built-in daemon ${DAEMON_SCRIPT} is missing (looked in ${homes.join(', ')}): run \`npm run build:server\` first, ` +
      'or set ATOMFORGE_HOME to the folder that holds dist/daemon.js, or set FDO_DAEMON_COMMAND',
  );
}
