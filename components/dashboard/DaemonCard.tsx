'use client';
import type { DaemonSnapshot, HistoryPoint } from '@/lib/service/contract';
import { useDashboardStore } from '@/lib/ui/dashboard-store';
import { buttonClass } from '@/components/ui/Dialog';
import { DaemonChart } from './DaemonChart';
import { formatBytes, formatCount, formatMs } from './format';
import { restartNote } from './restart-countdown';
import { StateBadge } from './StateBadge';

function Stat({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div>
      <dt className="text-[11px] uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`tabular-nums ${warn ? 'font-semibold text-amber-700 dark:text-amber-400' : ''}`}>{value}</dd>
    </div>
  );
}

export interface DaemonCardProps {
  daemon: DaemonSnapshot;
  history: HistoryPoint[];
  /** the browser's clock (ms) and how far the server's is ahead of it, for the restart countdown */
  now: number;
  serverOffsetMs: number;
  /** why admin actions are refused to this browser, or null */
  adminRefused: string | null;
}

export function DaemonCard({ daemon, history, now, serverOffsetMs, adminRefused }: DaemonCardProps) {
  const askRestart = useDashboardStore((s) => s.askRestart);
  const busy = useDashboardStore((s) => s.busy);
  const open = daemon.circuit_breaker_open;
  const restart = restartNote(daemon, now + serverOffsetMs);
  return (
    <article
      className={`rounded-lg border bg-white p-3 dark:bg-slate-900 ${open ? 'border-amber-400 dark:border-amber-600' : 'border-slate-200 dark:border-slate-800'}`}
      data-testid={`daemon-${daemon.id}`}
      data-state={daemon.state}
      data-breaker={daemon.circuit_breaker_state}
    >
      <header className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-mono text-sm font-semibold">{daemon.id}</h3>
        <StateBadge state={daemon.state} />
        {open && (
          <span
            className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100"
            data-testid="breaker-open"
          >
            ⚠ breaker open
          </span>
        )}
        {/* the slot's life when the state badge does not already say it (backing off, gave up, draining ...) */}
        {daemon.lifecycle && daemon.lifecycle !== 'running' && daemon.lifecycle !== daemon.state && (
          <span
            className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300"
            data-testid="lifecycle"
          >
            {daemon.lifecycle.replace('_', ' ')}
          </span>
        )}
        <button
          type="button"
          className={`${buttonClass.secondary} ml-auto !px-2 !py-1 text-xs`}
          disabled={busy !== null || adminRefused !== null}
          title={adminRefused ?? undefined}
          onClick={() => askRestart(daemon.id)}
        >
          Restart
        </button>
      </header>
      {restart && (
        <p
          className={`mb-2 rounded px-2 py-1 text-xs font-medium tabular-nums ${
            daemon.lifecycle === 'gave_up'
              ? 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200'
              : 'bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-200'
          }`}
          data-testid="next-restart"
        >
          {restart}
          {daemon.crashes_in_row ? ` · ${daemon.crashes_in_row} crash${daemon.crashes_in_row === 1 ? '' : 'es'} in a row` : ''}
        </p>
      )}
      <dl className="mb-2 grid grid-cols-3 gap-x-3 gap-y-1.5 text-sm sm:grid-cols-4">
        <Stat label="port" value={String(daemon.port)} />
        <Stat label="pid" value={daemon.pid === null ? '—' : String(daemon.pid)} />
        <Stat label="requests" value={formatCount(daemon.total_requests)} />
        <Stat label="failures" value={formatCount(daemon.failed_requests)} warn={daemon.failed_requests > 0} />
        <Stat label="restarts" value={formatCount(daemon.restart_count)} warn={daemon.restart_count > 0} />
        <Stat label="consec. fail" value={String(daemon.consecutive_failures)} warn={daemon.consecutive_failures > 0} />
        <Stat label="breaker" value={daemon.circuit_breaker_state.replace('_', '-')} warn={daemon.circuit_breaker_state !== 'closed'} />
        <Stat label="memory" value={formatBytes(daemon.rss_bytes)} />
        <Stat label="p50" value={formatMs(daemon.latency_ms.p50)} />
        <Stat label="p95" value={formatMs(daemon.latency_ms.p95)} />
        <Stat label="in flight" value={String(daemon.in_flight)} />
      </dl>
      <div className="text-slate-600 dark:text-slate-300">
        <DaemonChart id={daemon.id} history={history} />
      </div>
    </article>
  );
}
