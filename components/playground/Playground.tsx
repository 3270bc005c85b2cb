'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FdoEditor, type FdoEditorHandle } from '@/components/editor/FdoEditor';
import { HexView } from '@/components/editor/HexView';
import { useLiveCompile } from '@/components/editor/useLiveCompile';
import { buttonClass } from '@/components/ui/Dialog';
import { atomOnLine } from '@/lib/editor/live-map';
import { argumentTemplate, findAtom } from '@/lib/editor/atom-info';
import type { FdoExample } from '@/lib/examples/types';
import { compileSource, decompileBytes } from '@/lib/ui/codec-client';
import { firstDifference } from '@/lib/ui/hex';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { useHydrated } from '@/lib/ui/use-hydrated';
import { CompileResult, RoundTripResult } from './CompileResult';
import { DecompilePanel } from './DecompilePanel';
import { DecompiledText } from './DecompiledText';
import { P3Panel } from '@/components/p3/P3Panel';
import { ErrorPanel } from './ErrorPanel';
import { LiveStatus } from './LiveStatus';
import { confirmDiscard } from '@/components/library/actions';
import { ConflictDialog } from '@/components/library/ConflictDialog';
import { FormBar } from '@/components/library/FormBar';
import { HistoryPanel } from '@/components/library/HistoryPanel';
import { LibraryPanel } from '@/components/library/LibraryPanel';
import { useLibraryUi } from '@/components/library/library-ui-store';
import { Toast } from '@/components/library/Toast';
import { useLibraryKeys } from '@/components/library/useLibraryKeys';
import { VariablesPanel } from '@/components/library/VariablesPanel';
import { placeholders } from '@/lib/library/templates';

export function Playground({ examples }: { examples: readonly FdoExample[] }) {
  const s = usePlaygroundStore();
  const editor = useRef<FdoEditorHandle>(null);
  const hydrated = useHydrated();
  const [live, submitLive] = useLiveCompile();
  const [hoverLine, setHoverLine] = useState<number | null>(null);
  const [caretLine, setCaretLine] = useState<number | null>(null);
  const [hexAtom, setHexAtom] = useState<number | null>(null);
  const [decompiledInput, setDecompiledInput] = useState<Uint8Array | null>(null);
  /** the text the pool compiled last, to compare its bytes with the live compile of the same text */
  const [compiledSource, setCompiledSource] = useState<string | null>(null);
  // the library: shown beside the editor on wide screens and folded on phones until the user picks
  const libraryClass = s.libraryShown === null ? 'hidden lg:block' : s.libraryShown ? 'block' : 'hidden';
  const toggleLibrary = () => {
    const shownNow = s.libraryShown ?? window.matchMedia('(min-width: 1024px)').matches;
    s.setLibraryShown(!shownNow);
  };
  const side = useLibraryUi((u) => u.side);
  const templated = useMemo(() => hydrated && placeholders(s.source).length > 0, [hydrated, s.source]);
  useLibraryKeys();

  // the stored source arrives after hydration; start from the first example otherwise
  useEffect(() => {
    if (!usePlaygroundStore.getState().source && examples[0]) usePlaygroundStore.getState().setSource(examples[0].source, examples[0].id);
  }, [examples]);

  // every version of the text goes to the worker: diagnostics and the hex view follow typing.
  // The editor's edits are sent from its change handler (before React renders anything);
  // this effect covers texts set from elsewhere (stored source, examples, decompiled text).
  const sentToWorker = useRef<string | null>(null);
  const sendLive = useCallback(
    (text: string) => {
      sentToWorker.current = text;
      submitLive(text);
    },
    [submitLive],
  );
  useEffect(() => {
    if (hydrated && sentToWorker.current !== s.source) sendLive(s.source);
  }, [hydrated, s.source, sendLive]);

  // /?insert=NAME (the atom reference's links): add that atom's template at the caret
  useEffect(() => {
    if (!hydrated) return;
    const name = new URLSearchParams(window.location.search).get('insert');
    const def = name ? findAtom(name) : undefined;
    if (!def) return;
    window.history.replaceState(null, '', window.location.pathname);
    requestAnimationFrame(() => editor.current?.insertTemplate(argumentTemplate(def)));
  }, [hydrated]);

  // source <-> bytes: the bytes of the hovered (else the caret's) line, or the atom under the hex pointer
  const map = live.result?.ok ? live.result : null;
  const shown = live.good;
  const highlight = useMemo((): [number, number] | null => {
    if (!map) return null;
    const atom = hexAtom ?? (hoverLine !== null ? atomOnLine(map.atoms, hoverLine) : caretLine !== null ? atomOnLine(map.atoms, caretLine) : -1);
    if (atom === null || atom < 0) return null;
    return [map.atoms[atom * 4 + 2]!, map.atoms[atom * 4 + 3]!];
  }, [map, hexAtom, hoverLine, caretLine]);
  const linked = map && hexAtom !== null && hexAtom >= 0 ? map.atoms[hexAtom * 4]! : null;
  const pickAtom = useCallback(
    (atom: number) => {
      if (!map) return;
      editor.current?.selectLine(map.atoms[atom * 4]!);
    },
    [map],
  );

  const jumpToError = (line: number | null, column: number | null) => {
    if (line !== null) requestAnimationFrame(() => editor.current?.focusAt(line, column ?? 1));
  };

  async function compile() {
    if (s.busy) return;
    s.setBusy('compile');
    s.setRoundTrip(null);
    const submitted = usePlaygroundStore.getState().source;
    const r = await compileSource(submitted);
    s.setBusy(null);
    if (!r.ok) {
      s.setCompiled(null);
      s.setError(r.error);
      jumpToError(r.error.line, r.error.column);
      return;
    }
    s.setError(null);
    setCompiledSource(submitted);
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
    setDecompiledInput(bytes);
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
    setCompiledSource(source);
    s.setCompiled({ bytes: first.value, timeMs: first.timeMs, serverSeconds: first.serverSeconds, daemonId: first.daemonId });
    const text = await decompileBytes(first.value);
    const second = text.ok ? await compileSource(text.value) : null;
    s.setBusy(null);
    if (!text.ok) return s.setError({ ...text.error, message: `decompiling the compiled bytes: ${text.error.message}` });
    if (!second?.ok) return s.setError(second ? { ...second.error, message: `recompiling the decompiled text: ${second.error.message}` } : null);
    s.setError(null);
    setDecompiledInput(first.value);
    s.setDecompiled({ text: text.value, inputSize: first.value.length, daemonId: text.daemonId, timeMs: text.timeMs });
    const diff = firstDifference(first.value, second.value);
    s.setRoundTrip({ bytesMatch: diff === null, textMatch: text.value === source, firstDifference: diff, sizes: [first.value.length, second.value.length] });
  }

  const fileName = `${s.exampleId ?? 'form'}.bin`;

  return (
    <div className="flex flex-col gap-4 lg:flex-row">
      <aside
        className={`${hydrated ? libraryClass : 'hidden lg:block'} rounded-lg border border-slate-200 p-3 lg:w-60 lg:shrink-0 lg:self-start dark:border-slate-700`}
      >
        {hydrated && <LibraryPanel />}
      </aside>
      <div className="grid min-w-0 flex-1 gap-4 xl:grid-cols-2">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="mr-auto text-xl font-semibold">Playground</h1>
            <button type="button" className={buttonClass.secondary} aria-controls="library-panel" onClick={toggleLibrary} data-testid="library-toggle">
              Library
            </button>
            <label className="text-sm">
              <span className="sr-only">Examples</span>
              <select
                value={hydrated ? (s.exampleId ?? '') : ''}
                data-testid="example-select"
                onChange={(e) => {
                  const ex = examples.find((x) => x.id === e.target.value);
                  if (!ex || !confirmDiscard()) return;
                  // an example is a new text, not a version of the open form
                  s.setOpenForm(null);
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
          {hydrated && <FormBar templated={templated} />}
          <FdoEditor
            ref={editor}
            value={hydrated ? s.source : null}
            onChange={(v) => {
              sendLive(v);
              s.setSource(v, null);
            }}
            onSubmit={() => void compile()}
            error={live.result && !live.result.ok ? live.result.error : null}
            linked={linked}
            onHoverLine={setHoverLine}
            onCaretLine={setCaretLine}
          />
          <LiveStatus live={live} onJump={jumpToError} />
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={buttonClass.primary} onClick={() => void compile()} disabled={s.busy !== null} data-testid="compile">
              {s.busy === 'compile' ? 'Compiling…' : 'Compile on the pool'}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => void roundTrip()} disabled={s.busy !== null} data-testid="roundtrip">
              {s.busy === 'roundtrip' ? 'Checking…' : 'Round trip'}
            </button>
            <span className="text-xs text-slate-500 dark:text-slate-400">
              Ctrl+S saves · Ctrl+Enter compiles on the pool · Ctrl+Space completes · Alt+I describes the word at the caret · Esc then Tab leaves the editor
            </span>
          </div>
        </div>

        <div className="min-w-0 space-y-3">
          {hydrated && side === 'history' && <HistoryPanel />}
          {hydrated && side === 'variables' && templated && <VariablesPanel />}
          {s.error && <ErrorPanel error={s.error} onJump={() => jumpToError(s.error?.line ?? null, s.error?.column ?? null)} />}
          {s.roundTrip && <RoundTripResult result={s.roundTrip} />}
          {s.compiled && <CompileResult compiled={s.compiled} fileName={fileName} live={map && compiledSource === s.source ? map.bytes : null} />}
          {shown ? (
            <section className="space-y-1" data-testid="live-hex">
              <h2 className="text-sm font-semibold">
                Binary{' '}
                <span className="font-normal text-slate-500 dark:text-slate-400">
                  (compiled in your browser as you type; hover a line or a byte to link them)
                </span>
              </h2>
              <HexView
                bytes={shown.bytes}
                spans={shown.spans}
                highlight={highlight}
                onHoverAtom={setHexAtom}
                onPickAtom={pickAtom}
                stale={!live.result?.ok}
                version={live.result?.id ?? 0}
              />
            </section>
          ) : (
            !s.error && (
              <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
                The binary appears here as soon as the source compiles.
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
              <DecompiledText text={s.decompiled.text} input={decompiledInput} />
            </section>
          )}
        </div>
      </div>
      <ConflictDialog />
      <Toast />
    </div>
  );
}
