/**
 * What a daemon card says about its next restart (issue 14: the pool backs off after
 * repeated crashes). The pool reports `lifecycle`, `next_restart_at` (unix seconds) and
 * `crashes_in_row` per daemon.
 */
import type { DaemonSnapshot } from '@/lib/service/contract';

export type DaemonView = Pick<DaemonSnapshot, 'lifecycle' | 'next_restart_at' | 'crashes_in_row'>;

/** "restart in 1 min 05 s" / "restarting now" / "gave up: restart it by hand"; null when nothing is pending */
export function restartNote(d: DaemonView, nowMs: number): string | null {
  if (d.lifecycle === 'gave_up') return 'gave up restarting: use Restart to start it again';
  if (d.next_restart_at === null || d.next_restart_at === undefined) return null;
  const left = Math.ceil(d.next_restart_at - nowMs / 1000);
  if (left <= 0) return 'restarting now';
  const m = Math.floor(left / 60);
  const s = left % 60;
  return `restart in ${m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`}`;
}
