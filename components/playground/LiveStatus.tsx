'use client';
/** One line under the editor: the in-browser compile's size and time, or its error with line, column and hint. */
import type { LiveState } from '@/components/editor/useLiveCompile';

export function LiveStatus({ live, onJump }: { live: LiveState; onJump(line: number | null, column: number | null): void }) {
  const r = live.result;
  if (live.unavailable) {
    return (
      <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="live-status">
        Live checking is off in this browser; Compile on the pool still works.
      </p>
    );
  }
  if (!r)
    return (
      <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="live-status">
        Checking…
      </p>
    );
  if (r.ok) {
    return (
      <p className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="live-status" data-ok="true" role="status">
        Compiles: {r.bytes.length} bytes, {r.atoms.length / 4} atoms ({r.compileMs.toFixed(1)} ms in your browser)
      </p>
    );
  }
  const e = r.error!;
  return (
    <div
      className="rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      data-testid="live-status"
      data-ok="false"
      role="status"
    >
      {e.line !== null && (
        <button type="button" className="mr-2 font-mono underline" onClick={() => onJump(e.line, e.column)} data-testid="live-error-location">
          line {e.line}, column {e.column}
        </button>
      )}
      <strong>{e.kind}</strong>: <span data-testid="live-error-message">{e.message}</span>
      {e.hint && (
        <span className="block text-red-800 dark:text-red-200" data-testid="live-error-hint">
          Hint: {e.hint}
        </span>
      )}
    </div>
  );
}
