'use client';
/** The diff route's answer: changed lines with a little context, and where the compiled bytes first differ. */
import type { DiffAnswer } from '@/lib/library/client';
import type { CompiledSide } from '@/lib/library/diff';

function side(label: string, s: CompiledSide): string {
  if (s.ok) return `${label}: ${s.size} bytes`;
  return `${label}: does not compile (${s.error?.kind ?? 'error'}${s.error?.line ? ` at line ${s.error.line}` : ''})`;
}

export function DiffView({ diff }: { diff: DiffAnswer }) {
  const { lines, compiled } = diff;
  return (
    <div className="space-y-2" data-testid="diff-view">
      <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="diff-summary">
        Version {diff.from} → {diff.to}: {lines.added} line{lines.added === 1 ? '' : 's'} added, {lines.removed} removed
        {lines.whole ? ' (too different to align: shown as replaced whole)' : ''}
        {lines.truncated ? ' (list cut short)' : ''}
      </p>
      <div className="max-h-72 overflow-auto rounded border border-slate-200 font-mono text-xs dark:border-slate-700" data-testid="diff-lines">
        {lines.ops.map((op, i) =>
          op.op === 'equal' ? (
            <div key={i} className="bg-slate-50 px-2 text-slate-400 dark:bg-slate-950">
              … {op.count} unchanged line{op.count === 1 ? '' : 's'} ({op.old_line}–{op.old_line + op.count - 1})
            </div>
          ) : op.op === 'remove' ? (
            <div key={i} className="whitespace-pre bg-red-50 px-2 text-red-800 dark:bg-red-950/60 dark:text-red-200" data-testid="diff-removed">
              <span className="inline-block w-10 select-none text-right opacity-60">{op.old_line}</span> − {op.text}
            </div>
          ) : (
            <div key={i} className="whitespace-pre bg-emerald-50 px-2 text-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-200" data-testid="diff-added">
              <span className="inline-block w-10 select-none text-right opacity-60">{op.new_line}</span> + {op.text}
            </div>
          ),
        )}
      </div>
      <div className="rounded border border-slate-200 p-2 text-xs dark:border-slate-700" data-testid="diff-compiled">
        <p>
          {side(`v${diff.from}`, compiled.old)} · {side(`v${diff.to}`, compiled.new)}
        </p>
        {compiled.identical === true && <p className="text-emerald-700 dark:text-emerald-300">The compiled bytes are identical.</p>}
        {compiled.identical === false && (
          <div className="mt-1 space-y-0.5 font-mono">
            <p data-testid="diff-first-byte">
              first differing byte at offset {compiled.first_difference} (0x{compiled.first_difference?.toString(16).padStart(4, '0')})
            </p>
            <p className="break-all">
              v{diff.from}: {compiled.old_bytes || '(ends here)'}
            </p>
            <p className="break-all">
              v{diff.to}: {compiled.new_bytes || '(ends here)'}
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
