'use client';
/**
 * The live hex view linked to the source: every byte is its own element, so the bytes of
 * the atom on the hovered or caret line can be highlighted, hovering a byte points the
 * editor at its atom's line and clicking it (or Enter on the keyboard cursor) selects
 * that line. Highlighting is applied to the DOM directly: a hover must not re-render
 * thousands of bytes.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { atomAtByte } from '@/lib/editor/analyze';

const FIRST_BYTES = 4096;
/** At most this many bytes become elements (a byte each): beyond it the page would crawl. */
const MAX_SHOWN = 256 * 1024;

function useRowWidth(): 8 | 16 {
  const [width, setWidth] = useState<8 | 16>(16);
  useEffect(() => {
    const media = window.matchMedia('(max-width: 639px)');
    const update = () => setWidth(media.matches ? 8 : 16);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return width;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** One row; re-renders only when its bytes change. */
const Row = memo(function Row({ offset, hex, width }: { offset: number; hex: string; width: number }) {
  const n = hex.length / 2;
  const cells: React.ReactNode[] = [];
  let ascii = '';
  for (let i = 0; i < n; i++) {
    if (i === width / 2) cells.push(' ');
    const h = hex.slice(i * 2, i * 2 + 2);
    cells.push(
      <span key={i} className="hb" data-b={offset + i}>
        {h}
      </span>,
      i < n - 1 ? ' ' : '',
    );
    const b = parseInt(h, 16);
    ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  const pad = '   '.repeat(width - n) + (n <= width / 2 ? ' ' : '');
  return (
    <div className="whitespace-pre">
      <span className="text-slate-400 dark:text-slate-500">{offset.toString(16).padStart(8, '0')}</span>
      {'  '}
      {cells}
      {pad}
      {'  '}
      <span className="text-emerald-700 dark:text-emerald-400">{ascii}</span>
    </div>
  );
});

interface Props {
  bytes: Uint8Array;
  spans: Int32Array;
  /** [start, end) of the bytes to highlight, or null */
  highlight: readonly [number, number] | null;
  /** the atom under the pointer or keyboard cursor (null when it leaves) */
  onHoverAtom(atom: number | null): void;
  /** a byte was clicked or chosen with Enter */
  onPickAtom(atom: number): void;
  /** marks the view as out of date (the text does not compile right now) */
  stale: boolean;
  version: number;
}

export function HexView({ bytes, spans, highlight, onHoverAtom, onPickAtom, stale, version }: Props) {
  const [limit, setLimit] = useState(FIRST_BYTES);
  const [cursor, setCursor] = useState<number | null>(null);
  const width = useRowWidth();
  const box = useRef<HTMLDivElement>(null);
  const cells = useRef<HTMLCollectionOf<Element> | null>(null);
  const lit = useRef<[number, number]>([0, 0]);

  const shown = Math.min(bytes.length, limit);
  // show more when the highlighted atom lies beyond what is shown
  useEffect(() => {
    if (highlight && highlight[1] > shown && shown < MAX_SHOWN && shown < bytes.length) setLimit(Math.min(MAX_SHOWN, Math.ceil(highlight[1] / FIRST_BYTES) * FIRST_BYTES));
  }, [highlight, shown, bytes.length]);

  const rows: { offset: number; hex: string }[] = [];
  for (let at = 0; at < shown; at += width) {
    let hex = '';
    const end = Math.min(shown, at + width);
    for (let i = at; i < end; i++) hex += HEX[bytes[i]!];
    rows.push({ offset: at, hex });
  }

  // highlight after every render: the rows may have been replaced
  useEffect(() => {
    if (!box.current) return;
    if (!cells.current) cells.current = box.current.getElementsByClassName('hb');
    const list = cells.current;
    for (let i = lit.current[0]; i < Math.min(lit.current[1], list.length); i++) list[i]!.classList.remove('hl');
    const [s, e] = highlight ?? [0, 0];
    const end = Math.min(e, list.length);
    for (let i = s; i < end; i++) list[i]!.classList.add('hl');
    lit.current = [s, end];
    if (highlight && list[s]) {
      const el = list[s] as HTMLElement;
      const pre = box.current;
      const top = el.offsetTop - pre.offsetTop;
      if (top < pre.scrollTop || top > pre.scrollTop + pre.clientHeight - 20) pre.scrollTop = Math.max(0, top - pre.clientHeight / 3);
    }
  });

  useEffect(() => {
    const list = cells.current;
    if (!list) return;
    for (const el of box.current?.querySelectorAll('.hb.cur') ?? []) el.classList.remove('cur');
    if (cursor !== null && list[cursor]) list[cursor]!.classList.add('cur');
  });

  const byteOf = (target: EventTarget | null): number | null => {
    const b = (target as HTMLElement | null)?.dataset?.b;
    return b === undefined ? null : Number(b);
  };

  const moveCursor = (to: number) => {
    const b = Math.min(Math.max(to, 0), shown - 1);
    setCursor(b);
    onHoverAtom(atomAtByte(spans, b));
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (bytes.length === 0) return;
    const c = cursor ?? 0;
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: width, ArrowUp: -width, PageDown: width * 16, PageUp: -width * 16 };
    if (e.key in step) {
      e.preventDefault();
      moveCursor(cursor === null ? 0 : c + step[e.key]!);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      moveCursor(e.key === 'Home' ? 0 : shown - 1);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const atom = atomAtByte(spans, c);
      if (atom >= 0) onPickAtom(atom);
    }
  };

  return (
    <div className={`hex-view overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800 ${stale ? 'opacity-60' : ''}`}>
      <div
        ref={box}
        role="grid"
        aria-label={`binary, ${bytes.length} bytes; arrow keys move through the bytes, Enter selects the byte's source line`}
        tabIndex={0}
        data-testid="hex-dump"
        data-version={version}
        data-stale={stale ? 'true' : 'false'}
        className="max-h-80 overflow-auto bg-white p-2 font-mono text-[11px] leading-5 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 sm:text-xs dark:bg-slate-900"
        onMouseOver={(e) => {
          const b = byteOf(e.target);
          if (b !== null) onHoverAtom(atomAtByte(spans, b));
        }}
        onMouseLeave={() => onHoverAtom(null)}
        onFocus={() => {
          if (cursor === null && shown > 0) moveCursor(0);
        }}
        onBlur={() => onHoverAtom(null)}
        onClick={(e) => {
          const b = byteOf(e.target);
          if (b === null) return;
          setCursor(b);
          const atom = atomAtByte(spans, b);
          if (atom >= 0) onPickAtom(atom);
        }}
        onKeyDown={onKey}
      >
        {rows.map((r) => (
          <Row key={r.offset} offset={r.offset} hex={r.hex} width={width} />
        ))}
      </div>
      {bytes.length > shown && shown < MAX_SHOWN && (
        <button type="button" className="w-full border-t border-slate-200 py-1 text-xs text-indigo-700 dark:border-slate-800 dark:text-indigo-300" onClick={() => setLimit(MAX_SHOWN)}>
          {bytes.length <= MAX_SHOWN ? `show all ${Math.ceil(bytes.length / width)} rows` : `show the first ${MAX_SHOWN >> 10} KB`}
        </button>
      )}
      {shown >= MAX_SHOWN && bytes.length > shown && (
        <p className="border-t border-slate-200 px-2 py-1 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          the first {MAX_SHOWN >> 10} KB of {bytes.length} bytes are shown; download the .bin for the rest
        </p>
      )}
    </div>
  );
}
