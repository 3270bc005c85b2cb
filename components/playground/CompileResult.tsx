'use client';
import { buttonClass } from '@/components/ui/Dialog';
import type { CompileOutcome, RoundTripOutcome } from '@/lib/ui/playground-store';

function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes as unknown as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The pool's answer: size, time, which daemon served it, the download, and whether its
 * bytes equal the in-browser compile of the same text (`live`, when there is one).
 */
export function CompileResult({ compiled, fileName, live }: { compiled: CompileOutcome; fileName: string; live: Uint8Array | null }) {
  const match = live === null ? null : sameBytes(live, compiled.bytes);
  return (
    <section className="space-y-2" data-testid="compile-result">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span>
          <span className="text-slate-500 dark:text-slate-400">size </span>
          <strong data-testid="binary-size">{compiled.bytes.length} bytes</strong>
        </span>
        <span>
          <span className="text-slate-500 dark:text-slate-400">time </span>
          {compiled.timeMs.toFixed(1)} ms
          {compiled.serverSeconds !== null && (
            <span className="text-slate-500 dark:text-slate-400"> (server {(compiled.serverSeconds * 1000).toFixed(2)} ms)</span>
          )}
        </span>
        <span>
          <span className="text-slate-500 dark:text-slate-400">served by </span>
          <span className="font-mono" data-testid="served-by">
            {compiled.daemonId ?? '—'}
          </span>
        </span>
        {match !== null && (
          <span
            data-testid="pool-match"
            data-match={match ? 'true' : 'false'}
            className={match ? 'text-emerald-700 dark:text-emerald-400' : 'text-amber-700 dark:text-amber-400'}
          >
            {match ? 'same bytes as the in-browser compile' : 'differs from the in-browser compile'}
          </span>
        )}
        <button
          type="button"
          className={`${buttonClass.secondary} ml-auto !py-1 text-xs`}
          onClick={() => download(compiled.bytes, fileName)}
          data-testid="download-bin"
        >
          Download .bin
        </button>
      </div>
    </section>
  );
}

export function RoundTripResult({ result }: { result: RoundTripOutcome }) {
  const ok = result.bytesMatch;
  return (
    <div
      role="status"
      data-testid="roundtrip-result"
      data-match={ok ? 'true' : 'false'}
      className={`rounded-lg border p-3 text-sm ${
        ok
          ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100'
          : 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100'
      }`}
    >
      <strong>{ok ? 'Round trip: bytes match' : 'Round trip: bytes differ'}</strong>
      <span className="ml-2">
        compile → decompile → compile gave {result.sizes[0]} and {result.sizes[1]} bytes
        {result.firstDifference !== null ? `, first difference at offset 0x${result.firstDifference.toString(16)}` : ''}.
      </span>
      <span className="ml-1">
        {result.textMatch ? 'The decompiled text equals the source.' : 'The decompiled text is the canonical form of the source (layout differs).'}
      </span>
    </div>
  );
}
