'use client';
import { useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/Dialog';
import type { FdoExample } from '@/lib/examples/types';
import { compileSource, decompileBytes } from '@/lib/ui/codec-client';
import { firstDifference } from '@/lib/ui/hex';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { CompileResult, RoundTripResult } from './CompileResult';
import { DecompilePanel } from './DecompilePanel';
import { P3Panel } from '@/components/p3/P3Panel';
import { ErrorPanel } from './ErrorPanel';
import { SourceEditor, type SourceEditorHandle } from './SourceEditor';

export function Playground({ examples }: { examples: readonly FdoExample[] }) {
  const s = usePlaygroundStore();
  const editor = useRef<SourceEditorHandle>(null);
  const [hydrated, setHydrated] = useState(false);

  // the stored source arrives after hydration; start from the first example otherwise
  useEffect(() => {
    setHydrated(true);
    if (!usePlaygroundStore.getState().source && examples[0]) usePlaygroundStore.getState().setSource(examples[0].source, examples[0].id);
  }, [examples]);

  const jumpToError = (line: number | null, column: number | null) => {
    if (line !== null) requestAnimationFrame(() => editor.current?.focusAt(line, column ?? 1));
  };

  async function compile() {
    if (s.busy) return;
    s.setBusy('compile');
    s.setRoundTrip(null);
    const r = await compileSource(usePlaygroundStore.getState().source);
    s.setBusy(null);
    if (!r.ok) {
      s.setCompiled(null);
      s.setError(r.error);
      jumpToError(r.error.line, r.error.column);
      return;
    }
    s.setError(null);
    s.setCompiled({ bytes: r.value, timeMs: r.timeMs, serverSeconds: r.serverSeconds, daemonId: r.daemonId });
  }

  async function decompile(bytes: Uint8Array, label: string) {
    s.setBusy('decompile');
    const r = await decompileBytes(bytes);
    s.setBusy(null);
    if (!r.ok) {
      s.setDecompiled(null);
      s.setError({ ...r.error, message: `decompiling ${label}: ${r.error.message}` });
      return;
    }
    s.setError(null);
    s.setDecompiled({ text: r.value, inputSize: bytes.length, daemonId: r.daemonId, timeMs: r.timeMs });
  }

  async function roundTrip() {
    if (s.busy) return;
    s.setBusy('roundtrip');
    s.setRoundTrip(null);
    const source = usePlaygroundStore.getState().source;
    const first = await compileSource(source);
    if (!first.ok) {
      s.setBusy(null);
      s.setCompiled(null);
      s.setError(first.error);
      jumpToError(first.error.line, first.error.column);
      return;
    }
    s.setCompiled({ bytes: first.value, timeMs: first.timeMs, serverSeconds: first.serverSeconds, daemonId: first.daemonId });
    const text = await decompileBytes(first.value);
    const second = text.ok ? await compileSource(text.value) : null;
    s.setBusy(null);
    if (!text.ok) return s.setError({ ...text.error, message: `decompiling the compiled bytes: ${text.error.message}` });
    if (!second?.ok) return s.setError(second ? { ...second.error, message: `recompiling the decompiled text: ${second.error.message}` } : null);
    s.setError(null);
    s.setDecompiled({ text: text.value, inputSize: first.value.length, daemonId: text.daemonId, timeMs: text.timeMs });
    const diff = firstDifference(first.value, second.value);
    s.setRoundTrip({ bytesMatch: diff === null, textMatch: text.value === source, firstDifference: diff, sizes: [first.value.length, second.value.length] });
  }

  const fileName = `${s.exampleId ?? 'form'}.bin`;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="mr-auto text-xl font-semibold">Playground</h1>
          <label className="text-sm">
            <span className="sr-only">Examples</span>
            <select
              value={hydrated ? (s.exampleId ?? '') : ''}
              data-testid="example-select"
              onChange={(e) => {
                const ex = examples.find((x) => x.id === e.target.value);
                if (!ex) return;
                s.setSource(ex.source, ex.id);
                s.setError(null);
                s.setCompiled(null);
                s.setRoundTrip(null);
              }}
              className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
            >
              <option value="" disabled>
                Examples…
              </option>
              {examples.map((ex) => (
                <option key={ex.id} value={ex.id}>
                  {ex.title}
                </option>
              ))}
            </select>
          </label>
        </div>
        <SourceEditor ref={editor} value={hydrated ? s.source : ''} onChange={(v) => s.setSource(v, null)} errorLine={s.error?.line ?? null} onSubmit={() => void compile()} />
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={buttonClass.primary} onClick={() => void compile()} disabled={s.busy !== null} data-testid="compile">
            {s.busy === 'compile' ? 'Compiling…' : 'Compile'}
          </button>
          <button type="button" className={buttonClass.secondary} onClick={() => void roundTrip()} disabled={s.busy !== null} data-testid="roundtrip">
            {s.busy === 'roundtrip' ? 'Checking…' : 'Round trip'}
          </button>
          <span className="text-xs text-slate-500 dark:text-slate-400">Ctrl+Enter compiles</span>
        </div>
      </div>

      <div className="min-w-0 space-y-3">
        {s.error && <ErrorPanel error={s.error} onJump={() => jumpToError(s.error?.line ?? null, s.error?.column ?? null)} />}
        {s.roundTrip && <RoundTripResult result={s.roundTrip} />}
        {s.compiled ? (
          <CompileResult compiled={s.compiled} fileName={fileName} />
        ) : (
          !s.error && (
            <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
              Compile the source to see its binary as a hex dump.
            </p>
          )
        )}
        <P3Panel source={hydrated ? s.source : ''} />
        <DecompilePanel busy={s.busy !== null} onDecompile={(bytes, label) => void decompile(bytes, label)} />
        {s.decompiled && (
          <section className="space-y-2" data-testid="decompile-result">
            <div className="flex flex-wrap items-center gap-x-4 text-sm">
              <strong>Decompiled source</strong>
              <span className="text-slate-500 dark:text-slate-400">
                {s.decompiled.inputSize} bytes in, {s.decompiled.text.length} characters out, {s.decompiled.timeMs.toFixed(1)} ms
                {s.decompiled.daemonId ? ` by ${s.decompiled.daemonId}` : ''}
              </span>
              <button
                type="button"
                className={`${buttonClass.secondary} ml-auto !py-1 text-xs`}
                onClick={() => s.setSource(s.decompiled?.text ?? '', null)}
                data-testid="load-decompiled"
              >
                Load into editor
              </button>
            </div>
            <pre className="max-h-80 overflow-auto rounded-lg border border-slate-200 bg-white p-2 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-900" data-testid="decompiled-text">
              {s.decompiled.text}
            </pre>
          </section>
        )}
      </div>
    </div>
  );
}
