/**
 * One library per server process, opened on first use from ATOMFORGE_DATA_DIR /
 * DATABASE_URL. Kept on globalThis so Next's separately bundled route modules share it.
 */
import { loadLibraryConfig } from '@/lib/config/env';
import { openLibrary } from '@/lib/library/open';
import { purgeExpired } from '@/lib/library/purge';
import type { LibraryRepository } from '@/lib/library/repository';
import { HttpError } from './http';
import { log } from './log';

const KEY = Symbol.for('atomforge.web.library');
type Holder = typeof globalThis & { [KEY]?: Promise<LibraryRepository> };
const holder = globalThis as Holder;

export function getLibrary(): Promise<LibraryRepository> {
  let p = holder[KEY];
  if (!p) {
    p = (async () => {
      const config = loadLibraryConfig();
      const repo = await openLibrary({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      // deleted forms past the retention go at start (and after each delete); a failure here must not keep the library shut
      await purgeExpired(repo, config.deletedRetentionDays).then(
        (n) => n > 0 && log.info({ purged: n }, 'purged forms deleted longer ago than the retention'),
        (err: unknown) => log.warn({ err }, 'purging deleted forms failed'),
      );
      return repo;
    })();
    holder[KEY] = p;
    // a failed open is retried by the next request instead of being remembered forever
    p.catch((err: unknown) => {
      log.error({ err }, 'the library could not be opened');
      if (holder[KEY] === p) delete holder[KEY];
    });
  }
  return p.catch(() => {
    throw new HttpError(503, 'the library is not available right now', { 'Retry-After': '2' });
  });
}

/** tests: route handlers use this repository */
export function useLibrary(repo: LibraryRepository): void {
  holder[KEY] = Promise.resolve(repo);
}

export async function closeLibrary(): Promise<void> {
  const p = holder[KEY];
  delete holder[KEY];
  if (p) await (await p.catch(() => null))?.close();
}

/**
 * Start-up: open the library (creating the data folder, applying migrations) with the
 * server. A bad setting stops start-up with one line; an unreachable database does not
 * (compiling still works, the library routes answer 503 and retry on the next request).
 */
export async function bootLibrary(): Promise<void> {
  try {
    loadLibraryConfig();
  } catch (err) {
    console.error(`[atomforge] cannot open the library: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  await getLibrary().catch(() => undefined);
}
