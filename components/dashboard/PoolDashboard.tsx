'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Dialog, buttonClass } from '@/components/ui/Dialog';
import { useDashboardStore } from '@/lib/ui/dashboard-store';
import { fetchPoolStatus } from '@/lib/ui/pool-client';
import { ChartLegend } from './DaemonChart';
import { DaemonCard } from './DaemonCard';
import { EventList } from './EventList';
import { ago } from './format';
import { HealthBar } from './HealthBar';
import { SummaryTiles } from './SummaryTiles';
import { PoolControls, refusalOf } from './PoolControls';
import { useAdminAction } from './useAdminAction';

const REFRESH_MS = 5000;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function PoolDashboard() {
  const query = useQuery({ queryKey: ['pool-status'], queryFn: fetchPoolStatus, refetchInterval: REFRESH_MS, refetchIntervalInBackground: false });
  const now = useNow(1000);
  const { confirmRestart, askRestart, busy, notice, clearNotice } = useDashboardStore();
  const runAdmin = useAdminAction();
  const data = query.data;
  const unreachable = query.isError;
  const refused = refusalOf(data);
  // countdowns use the server's clock: the browser's may be off by minutes
  const serverOffsetMs = data && query.dataUpdatedAt ? data.server_time * 1000 - query.dataUpdatedAt : 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Daemon pool</h1>
        {data && (
          <span className="rounded bg-slate-200 px-2 py-0.5 font-mono text-xs dark:bg-slate-800" data-testid="execution-mode">
            {data.pool.execution_mode}
          </span>
        )}
        <span className="text-sm text-slate-500 dark:text-slate-400" data-testid="updated-ago">
          {query.dataUpdatedAt ? `updated ${ago((now - query.dataUpdatedAt) / 1000)}` : 'loading…'}
          {query.isFetching && ' · refreshing'}
        </span>
        <div className="ml-auto">
          <PoolControls data={data} busy={busy !== null} run={runAdmin} />
        </div>
      </div>

      {refused && (
        <div
          role="note"
          className="rounded-lg border border-slate-300 bg-slate-50 p-3 text-sm text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300"
          data-testid="admin-refused"
        >
          <strong>Admin actions are off for this browser.</strong> {refused}
        </div>
      )}

      {unreachable && (
        <div
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          data-testid="unreachable-banner"
        >
          <strong>The service cannot be reached.</strong> {query.error instanceof Error ? query.error.message : ''}
          {data ? ' Showing the last data received.' : ''} Retrying every {REFRESH_MS / 1000} s.
        </div>
      )}

      {notice && (
        <div
          role="status"
          className={`flex items-start gap-3 rounded-lg border p-3 text-sm ${
            notice.kind === 'success'
              ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'
              : 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200'
          }`}
          data-testid="notice"
        >
          <span>{notice.text}</span>
          <button type="button" className="ml-auto text-xs underline" onClick={clearNotice}>
            dismiss
          </button>
        </div>
      )}

      {!data && !unreachable && <p className="text-sm text-slate-500">Loading pool status…</p>}

      {data && (
        <>
          <SummaryTiles pool={data.pool} />
          <HealthBar percentage={data.pool.pool_health_percentage} status={data.health.status} />
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-sm font-semibold">Daemons (last 15 minutes)</h2>
            <ChartLegend />
          </div>
          <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            {data.pool.instances.map((d) => (
              <DaemonCard key={d.id} daemon={d} history={data.history} now={now} serverOffsetMs={serverOffsetMs} adminRefused={refused} />
            ))}
          </div>
          <EventList events={data.events} />
        </>
      )}

      <Dialog open={confirmRestart !== null} title={`Restart ${confirmRestart ?? ''}?`} onClose={() => askRestart(null)}>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          The daemon process is stopped and started again. Requests in flight on it are retried on other daemons.
        </p>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={() => askRestart(null)}>
            Cancel
          </button>
          <button
            type="button"
            className={buttonClass.danger}
            data-testid="confirm-restart"
            onClick={() => {
              const id = confirmRestart;
              askRestart(null);
              if (id) void runAdmin(`/pool/daemons/${encodeURIComponent(id)}/restart`, `Restart ${id}`);
            }}
          >
            Restart
          </button>
        </div>
      </Dialog>
    </div>
  );
}
