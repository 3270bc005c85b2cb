'use client';
import { forwardRef, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { offsetOf } from '@/lib/ui/hex';

export interface SourceEditorHandle {
  /** puts the caret at a 1-based line and column and scrolls it into view */
  focusAt(line: number, column: number): void;
}

const LINE_PX = 20;
const PAD_PX = 8;

interface Props {
  value: string;
  onChange(value: string): void;
  errorLine: number | null;
  onSubmit(): void;
}

/** A textarea with a line-number gutter kept in scroll sync, and an error line band. */
export const SourceEditor = forwardRef<SourceEditorHandle, Props>(function SourceEditor({ value, onChange, errorLine, onSubmit }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const lineCount = useMemo(() => value.split('\n').length, [value]);

  useImperativeHandle(ref, () => ({
    focusAt(line, column) {
      const t = area.current;
      if (!t) return;
      const at = offsetOf(t.value, line, column);
      t.focus();
      t.setSelectionRange(at, at);
      const wanted = PAD_PX + (line - 1) * LINE_PX;
      if (wanted < t.scrollTop || wanted > t.scrollTop + t.clientHeight - LINE_PX * 2) t.scrollTop = Math.max(0, wanted - t.clientHeight / 3);
      setScroll({ top: t.scrollTop, left: t.scrollLeft });
    },
  }));

  return (
    <div className="editor-metrics relative flex h-[26rem] overflow-hidden rounded-lg border border-slate-300 bg-white sm:h-[32rem] dark:border-slate-700 dark:bg-slate-900">
      <div
        aria-hidden
        className="w-12 shrink-0 select-none overflow-hidden border-r border-slate-200 bg-slate-50 text-right text-slate-400 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-500"
      >
        <div style={{ transform: `translateY(${-scroll.top}px)`, paddingTop: PAD_PX, paddingBottom: PAD_PX }}>
          {Array.from({ length: lineCount }, (_, i) => (
            <div
              key={i}
              className={`pr-2 ${errorLine === i + 1 ? 'bg-red-100 font-semibold text-red-700 dark:bg-red-950 dark:text-red-300' : ''}`}
              data-error-line={errorLine === i + 1 ? 'true' : undefined}
            >
              {i + 1}
            </div>
          ))}
        </div>
      </div>
      <div className="relative min-w-0 flex-1">
        {errorLine !== null && (
          <div
            aria-hidden
            className="pointer-events-none absolute inset-x-0 bg-red-100/80 dark:bg-red-900/40"
            style={{ top: PAD_PX + (errorLine - 1) * LINE_PX - scroll.top, height: LINE_PX }}
            data-testid="error-band"
          />
        )}
        <textarea
          ref={area}
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          aria-label="FDO source"
          data-testid="source-editor"
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              onSubmit();
            }
          }}
          className="relative h-full w-full resize-none overflow-auto bg-transparent px-3 text-slate-900 caret-indigo-600 outline-none dark:text-slate-100"
          style={{ paddingTop: PAD_PX, paddingBottom: PAD_PX, lineHeight: `${LINE_PX}px` }}
        />
      </div>
    </div>
  );
});
