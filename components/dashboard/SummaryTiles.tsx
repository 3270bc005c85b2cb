import type { PoolHealthReport } from '@/lib/service/contract';
import { formatCount } from './format';

function Tile({ label, value, tone, testId }: { label: string; value: string; tone?: 'bad' | 'warn'; testId: string }) {
  const colour = tone === 'bad' ? 'text-red-600 dark:text-red-400' : tone === 'warn' ? 'text-amber-600 dark:text-amber-400' : '';
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</div>
      <div className={`mt-1 text-2xl font-semibold tabular-nums ${colour}`}>{value}</div>
    </div>
  );
}

export function SummaryTiles({ pool }: { pool: PoolHealthReport }) {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Tile
        label="Healthy instances"
        value={`${pool.instances_healthy}/${pool.instances_total}`}
        tone={pool.instances_healthy === 0 ? 'bad' : pool.instances_healthy < pool.instances_total ? 'warn' : undefined}
        testId="tile-healthy"
      />
      <Tile label="Total requests" value={formatCount(pool.total_requests)} testId="tile-requests" />
      <Tile label="Failed requests" value={formatCount(pool.failed_requests)} tone={pool.failed_requests > 0 ? 'warn' : undefined} testId="tile-failed" />
      <Tile label="Total restarts" value={formatCount(pool.daemon_restarts)} tone={pool.daemon_restarts > 0 ? 'warn' : undefined} testId="tile-restarts" />
    </div>
  );
}
