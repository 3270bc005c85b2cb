/**
 * When deleted forms go for good: a delete is soft (undo brings the form back with its
 * versions), and a form deleted longer ago than the retention is purged, with its versions
 * and variable sets. The purge runs when the library opens and after each delete, so it
 * needs no timer and a library nobody deletes from costs nothing.
 */
import type { LibraryRepository } from './repository';

const DAY_MS = 86_400_000;

/** forms deleted before this time are past the retention */
export function purgeCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** purges the forms deleted more than `retentionDays` before `now`; answers how many */
export function purgeExpired(repo: Pick<LibraryRepository, 'purgeDeleted'>, retentionDays: number, now: Date = new Date()): Promise<number> {
  return repo.purgeDeleted(purgeCutoff(now, retentionDays));
}
