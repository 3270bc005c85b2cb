'use client';
/**
 * The pool-wide admin buttons: reset every breaker, resize the pool, restart every daemon
 * in turn. Resize and rolling restart ask for confirmation first. When the server says
 * this client may not use admin actions (not local, no token configured), the buttons are
 * disabled and the reason is shown once, above them.
 */
import { useState } from 'react';
import { Dialog, buttonClass } from '@/components/ui/Dialog';
import type { PoolStatus } from '@/lib/ui/pool-client';

type Confirm = { kind: 'resize'; from: number; to: number } | { kind: 'rolling'; count: number } | null;

export interface PoolControlsProps {
  data: PoolStatus | undefined;
  busy: boolean;
  run(path: string, label: string, body?: Record<string, unknown>): Promise<void>;
}

const daemons = (n: number) => (n === 1 ? '1 daemon is' : `${n} daemons are`);

/** Older servers do not send `admin`: then nothing is known to be refused. */
export function refusalOf(data: PoolStatus | undefined): string | null {
  return data?.admin?.refused_because ?? null;
}

export function PoolControls({ data, busy, run }: PoolControlsProps) {
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [size, setSize] = useState('');
  const refused = refusalOf(data);
  const pool = data?.pool.execution_mode === 'daemon_pool';
  const current = data?.pool.pool_size ?? 0;
  const wanted = Number(size);
  const sizeOk = size !== '' && Number.isInteger(wanted) && wanted >= 1 && wanted !== current;
  const disabled = busy || !data || refused !== null;
  const why = refused ?? undefined;

  return (
    <>
      <div className="flex flex-wrap items-center gap-2" data-testid="pool-controls">
        {pool && (
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (sizeOk) setConfirm({ kind: 'resize', from: current, to: wanted });
            }}
          >
            <label className="sr-only" htmlFor="pool-size">
              Pool size
            </label>
            <input
              id="pool-size"
              type="number"
              min={1}
              inputMode="numeric"
              placeholder={String(current || '')}
              value={size}
              onChange={(e) => setSize(e.target.value)}
              disabled={disabled}
              title={why}
              data-testid="resize-input"
              className="w-16 rounded border border-slate-300 bg-white px-2 py-1.5 text-sm tabular-nums disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800"
            />
            <button type="submit" className={buttonClass.secondary} disabled={disabled || !sizeOk} title={why} data-testid="resize">
              Resize
            </button>
          </form>
        )}
        {pool && (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={disabled}
            title={why}
            onClick={() => setConfirm({ kind: 'rolling', count: data?.pool.instances.length ?? 0 })}
            data-testid="rolling-restart"
          >
            Rolling restart
          </button>
        )}
        <button
          type="button"
          className={buttonClass.primary}
          disabled={disabled}
          title={why}
          onClick={() => void run('/pool/reset-circuit-breakers', 'Reset breakers')}
          data-testid="reset-breakers"
        >
          Reset all breakers
        </button>
      </div>

      <Dialog
        open={confirm !== null}
        title={confirm?.kind === 'resize' ? `Resize the pool to ${confirm.to}?` : 'Restart every daemon?'}
        onClose={() => setConfirm(null)}
      >
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          {confirm?.kind === 'resize'
            ? confirm.to < confirm.from
              ? `${daemons(confirm.from - confirm.to)} drained and stopped; requests in flight on them finish first.`
              : `${daemons(confirm.to - confirm.from)} started and join the pool once healthy.`
            : `The ${confirm?.kind === 'rolling' ? confirm.count : ''} daemons are restarted one at a time; the others keep serving, so no request is lost.`}
        </p>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={() => setConfirm(null)}>
            Cancel
          </button>
          <button
            type="button"
            className={buttonClass.danger}
            data-testid="confirm-pool-action"
            onClick={() => {
              const c = confirm;
              setConfirm(null);
              if (c?.kind === 'resize') {
                setSize('');
                void run('/pool/resize', `Resize to ${c.to}`, { size: c.to });
              } else if (c?.kind === 'rolling') void run('/pool/rolling-restart', 'Rolling restart');
            }}
          >
            {confirm?.kind === 'resize' ? 'Resize' : 'Restart all'}
          </button>
        </div>
      </Dialog>
    </>
  );
}
