import type { DaemonState } from '@/lib/service/contract';

const STYLE: Record<DaemonState, string> = {
  healthy: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  unhealthy: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  crashed: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  restarting: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
};

export function StateBadge({ state }: { state: DaemonState }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STYLE[state]}`} data-testid="state-badge">
      {state}
    </span>
  );
}
