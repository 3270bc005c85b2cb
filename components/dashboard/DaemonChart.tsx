'use client';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryPoint } from '@/lib/service/contract';
import { clockTime } from './format';

// counts on the left axis, latency on the right: p95 in ms would flatten a few requests/s
const SERIES = [
  { key: 'rps', name: 'requests/s', colour: '#6366f1', axis: 'count' },
  { key: 'failures', name: 'failures', colour: '#ef4444', axis: 'count' },
  { key: 'p95', name: 'p95 ms (right axis)', colour: '#f59e0b', axis: 'ms' },
] as const;

/** Requests/s, failures and p95 latency of one daemon over the server-kept history. */
export function DaemonChart({ id, history }: { id: string; history: HistoryPoint[] }) {
  const data = history.map((h) => {
    const d = h.daemons[id];
    return { time: h.time, rps: d?.requests_per_second ?? null, failures: d?.failures ?? null, p95: d?.p95_ms ?? null };
  });
  if (data.length < 2) {
    return <div className="flex h-32 items-center justify-center text-xs text-slate-500 dark:text-slate-400">collecting history…</div>;
  }
  return (
    <div className="h-32 w-full" data-testid="daemon-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: -16, bottom: 0, left: -24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} />
          <XAxis
            dataKey="time"
            tickFormatter={clockTime}
            tick={{ fontSize: 10, fill: 'currentColor' }}
            minTickGap={40}
            stroke="currentColor"
            strokeOpacity={0.3}
          />
          <YAxis yAxisId="count" tick={{ fontSize: 10, fill: 'currentColor' }} width={48} stroke="currentColor" strokeOpacity={0.3} allowDecimals={false} />
          <YAxis yAxisId="ms" orientation="right" tick={{ fontSize: 10, fill: '#d97706' }} width={48} stroke="currentColor" strokeOpacity={0.3} />
          <Tooltip
            labelFormatter={(t) => clockTime(Number(t))}
            contentStyle={{ fontSize: 12, background: 'var(--tooltip-bg, #fff)', color: 'inherit' }}
            formatter={(v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v)}
          />
          {SERIES.map((s) => (
            <Line
              key={s.key}
              yAxisId={s.axis}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={s.colour}
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ChartLegend() {
  return (
    <div className="flex flex-wrap gap-3 text-xs text-slate-600 dark:text-slate-300">
      {SERIES.map((s) => (
        <span key={s.key} className="inline-flex items-center gap-1">
          <span className="inline-block h-2 w-3 rounded-sm" style={{ background: s.colour }} />
          {s.name}
        </span>
      ))}
    </div>
  );
}
