'use client';
/**
 * The playground. A keystroke renders only what shows the text, the bytes and the
 * diagnostics: this component subscribes to the store without the source (the editor
 * wrapper and the few readers of the text subscribe to what they need of it), and the
 * panels are memoized. What the first paint does not show is loaded after it
 * (./lazy-panels).
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FdoEditor, type FdoEditorHandle } from '@/components/editor/FdoEditor';
import { HexView } from '@/components/editor/HexView';
import { useLiveCompile } from '@/components/editor/useLiveCompile';
import { buttonClass } from '@/components/ui/Dialog';
import type { LiveError } from '@/lib/editor/analyze';
import { atomOnLine } from '@/lib/editor/live-map';
import { argumentTemplate, findAtom } from '@/lib/editor/atom-info';
import type { FdoExample } from '@/lib/examples/types';
import { compileSource, decompileBytes } from '@/lib/ui/codec-client';
import { firstDifference } from '@/lib/ui/hex';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { useAfterFirstPaint } from '@/lib/ui/use-after-first-paint';
import { useHydrated } from '@/lib/ui/use-hydrated';
import { ErrorPanel } from './ErrorPanel';
import { LiveStatus } from './LiveStatus';
import { confirmDiscard } from '@/components/library/actions';
import { useLibraryUi } from '@/components/library/library-ui-store';
import { useLibraryKeys } from '@/components/library/useLibraryKeys';
import { hasPlaceholders } from '@/lib/library/templates';
import {
  CompileResult,
  ConflictDialog,
  DecompilePanel,
  DecompiledText,
  FormBar,
  HistoryPanel,
  LibraryPanel,
  P3Panel,
  RoundTripResult,
  Toast,
  VariablesPanel,
} from './lazy-panels';

const MemoHexView = memo(HexView);

/** The examples menu (re-rendered only when the chosen example changes). */
const ExampleSelect = memo(function ExampleSelect({ examples, value }: { examples: readonly FdoExample[]; value: string }) {
  return (
    <label className="text-sm">
      <span className="sr-only">Examples</span>
      <select
        value={value}
        data-testid="example-select"
        onChange={(e) => {
          const ex = examples.find((x) => x.id === e.target.value);
          if (!ex || !confirmDiscard()) return;
          // an example is a new text, not a version of the open form
          const s = usePlaygroundStore.getState();
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
  );
});

interface SourceEditorProps {
  handle: RefObject<FdoEditorHandle | null>;
  hydrated: boolean;
  onChange(value: string): void;
  onSubmit(): void;
  error: LiveError | null;
  linked: number | null;
  onHoverLine(line: number | null): void;
  onCaretLine(line: number): void;
}

/** The editor with the store's text: the one component a keystroke's store update renders. */
function SourceEditor({ handle, hydrated, ...props }: SourceEditorProps) {
  const source = usePlaygroundStore((s) => s.source);
  return <FdoEditor ref={handle} value={hydrated ? source : null} {...props} />;
}

export function Playground({ examples }: { examples: readonly FdoExample[] }) {
  // everything but the text (its readers subscribe to it themselves)
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const s = usePlaygroundStore(useShallow(({ source, ...rest }) => rest));
  const editor = useRef<FdoEditorHandle>(null);
  const hydrated = useHydrated();
  const afterPaint = useAfterFirstPaint();
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
  const templated = usePlaygroundStore((st) => hydrated && hasPlaceholders(st.source));
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
    if (!hydrated) return;
    const follow = (source: string) => {
      if (sentToWorker.current !== source) sendLive(source);
    };
    follow(usePlaygroundStore.getState().source);
    return usePlaygroundStore.subscribe((st) => follow(st.source));
  }, [hydrated, sendLive]);

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

  const jumpToError = useCallback((line: number | null, column: number | null) => {
    if (line !== null) requestAnimationFrame(() => editor.current?.focusAt(line, column ?? 1));
  }, []);
  const onEdit = useCallback(
    (v: string) => {
      sendLive(v);
      usePlaygroundStore.getState().setSource(v, null);
    },
    [sendLive],
  );
  // the pool's answer is compared with the live bytes only while the text is the one it compiled
  const compiledIsCurrent = usePlaygroundStore((st) => compiledSource !== null && st.source === compiledSource);

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
  // stable for the memoized panel and the editor; they call the newest compile/decompile
  const latest = useRef({ compile, decompile });
  useEffect(() => {
    latest.current = { compile, decompile };
  });
  const onDecompile = useCallback((bytes: Uint8Array, label: string) => void latest.current.decompile(bytes, label), []);
  const onSubmit = useCallback(() => void latest.current.compile(), []);

  return (
    <div className="flex flex-col gap-4 lg:flex-row">
      <aside
        className={`${hydrated ? libraryClass : 'hidden lg:block'} rounded-lg border border-slate-200 p-3 lg:w-60 lg:shrink-0 lg:self-start dark:border-slate-700`}
      >
        {hydrated && afterPaint && <LibraryPanel />}
      </aside>
      <div className="grid min-w-0 flex-1 gap-4 xl:grid-cols-2">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="mr-auto text-xl font-semibold">Playground</h1>
            <button type="button" className={buttonClass.secondary} aria-controls="library-panel" onClick={toggleLibrary} data-testid="library-toggle">
              Library
            </button>
            <ExampleSelect examples={examples} value={hydrated ? (s.exampleId ?? '') : ''} />
          </div>
          {/* the bar's height is held before its chunk arrives, so the editor does not move under the pointer */}
          <div className="min-h-10">{hydrated && afterPaint && <FormBar templated={templated} />}</div>
          <SourceEditor
            handle={editor}
            hydrated={hydrated}
            onChange={onEdit}
            onSubmit={onSubmit}
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
          {hydrated && afterPaint && side === 'history' && <HistoryPanel />}
          {hydrated && afterPaint && side === 'variables' && templated && <VariablesPanel />}
          {s.error && <ErrorPanel error={s.error} onJump={() => jumpToError(s.error?.line ?? null, s.error?.column ?? null)} />}
          {s.roundTrip && <RoundTripResult result={s.roundTrip} />}
          {s.compiled && <CompileResult compiled={s.compiled} fileName={fileName} live={map && compiledIsCurrent ? map.bytes : null} />}
          {shown ? (
            <section className="space-y-1" data-testid="live-hex">
              <h2 className="text-sm font-semibold">
                Binary{' '}
                <span className="font-normal text-slate-500 dark:text-slate-400">
                  (compiled in your browser as you type; hover a line or a byte to link them)
                </span>
              </h2>
              <MemoHexView
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
          {afterPaint && <P3Panel />}
          {afterPaint && <DecompilePanel busy={s.busy !== null} onDecompile={onDecompile} />}
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
      {afterPaint && <ConflictDialog />}
      {afterPaint && <Toast />}
    </div>
  );
}
