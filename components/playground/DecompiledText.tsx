'use client';
/**
 * Decompiled text with each line's byte offset in a gutter. The offsets come from
 * compiling the text again with the source map; they are shown only when that gives back
 * exactly the input bytes (canonical binaries; compact styles or large-atom pieces in the
 * input compile differently, and then no offset would be honest).
 */
import { useEffect, useState } from 'react';

interface Gutter {
  /** what the gutter was computed for: a result for other text or input is stale */
  text: string;
  input: Uint8Array;
  offsets: string[] | null;
  note: string | null;
}

export function DecompiledText({ text, input }: { text: string; input: Uint8Array | null }) {
  const [gutter, setGutter] = useState<Gutter | null>(null);
  const current = gutter && gutter.text === text && gutter.input === input ? gutter : null;
  const offsets = current?.offsets ?? null;
  const note = current?.note ?? null;

  useEffect(() => {
    let live = true;
    if (!input) return;
    const setOffsets = (o: string[]) => setGutter({ text, input, offsets: o, note: null });
    const setNote = (n: string) => setGutter({ text, input, offsets: null, note: n });
    // the codec is loaded on first use, so the page's first load does not carry it twice
    void import('@/lib/fdo').then(({ compileWithMap }) => {
      if (!live) return;
      try {
        const r = compileWithMap(text);
        const same = r.bytes.length === input.length && r.bytes.every((b, i) => b === input[i]);
        if (!same) return setNote('byte offsets are not shown: this binary is not in the form the compiler writes');
        const lines = text.split('\n');
        const out = new Array<string>(lines.length).fill('');
        for (const a of r.atoms) out[a.line - 1] = a.start.toString(16).padStart(6, '0');
        setOffsets(out);
      } catch {
        setNote('byte offsets are not shown: the decompiled text does not compile back');
      }
    });
    return () => {
      live = false;
    };
  }, [text, input]);

  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return (
    <div className="space-y-1">
      <div className="flex max-h-80 overflow-auto rounded-lg border border-slate-200 bg-white font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-900">
        {offsets && (
          <pre
            aria-hidden
            className="sticky left-0 shrink-0 select-none border-r border-slate-200 bg-slate-50 px-2 py-2 text-right text-slate-400 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-500"
            data-testid="decompiled-offsets"
          >
            {offsets.slice(0, body.split('\n').length).join('\n')}
          </pre>
        )}
        <pre className="min-w-0 flex-1 p-2" data-testid="decompiled-text">
          {text}
        </pre>
      </div>
      {note && <p className="text-xs text-slate-500 dark:text-slate-400">{note}</p>}
    </div>
  );
}
