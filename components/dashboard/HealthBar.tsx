import { healthColour } from './format';

const FILL = { green: 'bg-emerald-500', amber: 'bg-amber-500', red: 'bg-red-500' } as const;
const TEXT = { green: 'text-emerald-700 dark:text-emerald-400', amber: 'text-amber-700 dark:text-amber-400', red: 'text-red-700 dark:text-red-400' } as const;

export function HealthBar({ percentage, status }: { percentage: number; status: string }) {
  const colour = healthColour(percentage);
  const pct = Math.max(0, Math.min(100, percentage));
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex items-baseline justify-between text-sm">
        <span className="font-medium">
          Pool health <span className="ml-1 text-slate-500 dark:text-slate-400">({status})</span>
        </span>
        <span className={`font-semibold tabular-nums ${TEXT[colour]}`} data-testid="health-percentage">
          {pct.toFixed(1)} %
        </span>
      </div>
      <div
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="pool health"
        data-colour={colour}
        data-testid="health-bar"
      >
        <div className={`h-full ${FILL[colour]} transition-[width] duration-500`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
