import type { CodecError } from '@/lib/ui/codec-client';

export function ErrorPanel({ error, onJump }: { error: CodecError; onJump?: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      data-testid="codec-error"
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        {error.kind && <strong>{error.kind}</strong>}
        {error.line !== null && (
          <button type="button" className="font-mono text-xs underline" onClick={onJump} data-testid="error-location">
            line {error.line}
            {error.column !== null ? `, column ${error.column}` : ''}
          </button>
        )}
        <span className="text-xs text-red-700 dark:text-red-300">HTTP {error.status || '—'}</span>
      </div>
      <p className="mt-1 break-words" data-testid="error-message">
        {error.message}
      </p>
      {error.context.length > 0 && (
        <pre className="mt-2 overflow-x-auto rounded bg-white/70 p-2 font-mono text-xs dark:bg-black/30">{error.context.join('\n')}</pre>
      )}
      {error.hint && <p className="mt-2 text-xs text-red-800 dark:text-red-200">Hint: {error.hint}</p>}
    </div>
  );
}
