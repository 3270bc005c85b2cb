import type { PoolEvent, PoolEventType } from '@/lib/service/contract';
import { clockTime } from './format';

const TONE: Partial<Record<PoolEventType, string>> = {
  crashed: 'text-red-700 dark:text-red-400',
  gave_up: 'text-red-700 dark:text-red-400',
  restart_failed: 'text-red-700 dark:text-red-400',
  poison_input: 'text-red-700 dark:text-red-400',
  breaker_opened: 'text-amber-700 dark:text-amber-400',
  unhealthy: 'text-amber-700 dark:text-amber-400',
  restarted: 'text-emerald-700 dark:text-emerald-400',
  breaker_closed: 'text-emerald-700 dark:text-emerald-400',
  breakers_reset: 'text-emerald-700 dark:text-emerald-400',
  healthy: 'text-emerald-700 dark:text-emerald-400',
};

export function EventList({ events }: { events: PoolEvent[] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="mb-2 text-sm font-semibold">Events</h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No events yet.</p>
      ) : (
        <ol className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm dark:divide-slate-800" data-testid="event-list">
          {events.map((e, i) => (
            <li key={`${e.time}-${i}`} className="flex flex-wrap items-baseline gap-x-3 py-1.5" data-event-type={e.type} data-daemon={e.daemon_id ?? ''}>
              <time className="font-mono text-xs text-slate-500 tabular-nums dark:text-slate-400" dateTime={new Date(e.time * 1000).toISOString()}>
                {clockTime(e.time)}
              </time>
              <span className={`font-medium ${TONE[e.type] ?? ''}`}>{e.type.replace(/_/g, ' ')}</span>
              {e.daemon_id && <span className="font-mono text-xs">{e.daemon_id}</span>}
              <span className="w-full text-slate-600 sm:w-auto dark:text-slate-300">{e.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
