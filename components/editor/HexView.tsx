'use client';
/**
 * The live hex view linked to the source: every byte is its own element, so the bytes of
 * the atom on the hovered or caret line can be highlighted, hovering a byte points the
 * editor at its atom's line and clicking it (or Enter on the keyboard cursor) selects
 * that line. Only the rows in view exist (fixed 20 px rows), so a keystroke that shifts
 * every byte re-renders a screenful, not the whole binary; highlighting is applied to the
 * DOM directly, since a hover must not re-render anything.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { atomAtByte } from '@/lib/editor/live-map';

const ROW_PX = 20;
/** rows rendered above and below the visible ones */
const OVERSCAN = 8;
/** the height of the view (max-h-80) in rows, before it is measured */
const DEFAULT_VISIBLE_ROWS = 16;

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
    <div className="hex-row absolute left-0 whitespace-pre" data-row={offset / width}>
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
  const [cursor, setCursor] = useState<number | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [visibleRows, setVisibleRows] = useState(DEFAULT_VISIBLE_ROWS);
  const width = useRowWidth();
  const box = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const totalRows = Math.ceil(bytes.length / width);

  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(totalRows, Math.ceil(scrollTop / ROW_PX) + visibleRows + OVERSCAN);
  const rows: { offset: number; hex: string; row: number }[] = [];
  for (let row = first; row < last; row++) {
    const at = row * width;
    const end = Math.min(bytes.length, at + width);
    let hex = '';
    for (let i = at; i < end; i++) hex += HEX[bytes[i]!];
    rows.push({ offset: at, hex, row });
  }

  // the view's height in rows, from a ResizeObserver: reading clientHeight during the
  // commit forced a layout of the page inside every keystroke's render
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (el.clientHeight > 0) setVisibleRows(Math.ceil(el.clientHeight / ROW_PX));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // the inner height (every row, rendered or not) is set on the DOM: no inline style attribute
  useLayoutEffect(() => {
    if (inner.current) inner.current.style.height = `${totalRows * ROW_PX}px`;
  });

  // rows are placed by top offset, also on the DOM
  useLayoutEffect(() => {
    for (const el of inner.current?.querySelectorAll<HTMLElement>('.hex-row') ?? []) el.style.top = `${Number(el.dataset.row) * ROW_PX}px`;
  });

  // highlight and keyboard cursor, after every render (rows come and go as it scrolls)
  useLayoutEffect(() => {
    const [s, e] = highlight ?? [0, 0];
    for (const el of inner.current?.querySelectorAll<HTMLElement>('.hb') ?? []) {
      const b = Number(el.dataset.b);
      el.classList.toggle('hl', b >= s && b < e);
      el.classList.toggle('cur', b === cursor);
    }
  });

  // bring the highlighted bytes into view when they are outside it
  useEffect(() => {
    const el = box.current;
    if (!el || !highlight) return;
    const top = Math.floor(highlight[0] / width) * ROW_PX;
    if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - ROW_PX) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }, [highlight, width]);

  const byteOf = (target: EventTarget | null): number | null => {
    const b = (target as HTMLElement | null)?.dataset?.b;
    return b === undefined ? null : Number(b);
  };

  const moveCursor = (to: number) => {
    if (bytes.length === 0) return;
    const b = Math.min(Math.max(to, 0), bytes.length - 1);
    setCursor(b);
    onHoverAtom(atomAtByte(spans, b));
    const el = box.current;
    if (el) {
      const top = Math.floor(b / width) * ROW_PX;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top > el.scrollTop + el.clientHeight - ROW_PX) el.scrollTop = top - el.clientHeight + ROW_PX;
    }
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
      moveCursor(e.key === 'Home' ? 0 : bytes.length - 1);
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
        role="region"
        aria-label={`binary, ${bytes.length} bytes; arrow keys move through the bytes, Enter selects the byte's source line`}
        tabIndex={0}
        data-testid="hex-dump"
        data-version={version}
        data-stale={stale ? 'true' : 'false'}
        className="max-h-80 overflow-auto bg-white px-2 font-mono text-[11px] leading-5 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 sm:text-xs dark:bg-slate-900"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onMouseOver={(e) => {
          const b = byteOf(e.target);
          if (b !== null) onHoverAtom(atomAtByte(spans, b));
        }}
        onMouseLeave={() => onHoverAtom(null)}
        onFocus={() => {
          if (cursor === null) moveCursor(0);
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
        <div ref={inner} className="relative">
          {rows.map((r) => (
            <Row key={r.row} offset={r.offset} hex={r.hex} width={width} />
          ))}
        </div>
      </div>
    </div>
  );
}
