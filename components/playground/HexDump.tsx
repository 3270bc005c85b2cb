'use client';
import { useEffect, useState } from 'react';
import { hexRows } from '@/lib/ui/hex';

const FIRST_BYTES = 4096;

/** 16 bytes a row, 8 on a phone so offset, hex and ASCII fit without scrolling sideways */
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

/** Offset, hex and ASCII columns; long binaries show their first 4 KB until asked. */
export function HexDump({ bytes }: { bytes: Uint8Array }) {
  const [all, setAll] = useState(false);
  const width = useRowWidth();
  const total = Math.ceil(bytes.length / width);
  const firstRows = FIRST_BYTES / width;
  const rows = hexRows(bytes, width, all ? Infinity : firstRows);
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
      <pre className="max-h-80 overflow-auto bg-white p-2 font-mono text-[11px] leading-5 sm:text-xs dark:bg-slate-900" data-testid="hex-dump">
        {rows.map((r) => (
          <div key={r.offset} className="whitespace-pre">
            <span className="text-slate-400 dark:text-slate-500">{r.offset}</span>
            {'  '}
            <span>{r.hex.padEnd(width * 3)}</span>
            {'  '}
            <span className="text-emerald-700 dark:text-emerald-400">{r.ascii}</span>
          </div>
        ))}
      </pre>
      {!all && total > firstRows && (
        <button type="button" className="w-full border-t border-slate-200 py-1 text-xs text-indigo-700 dark:border-slate-800 dark:text-indigo-300" onClick={() => setAll(true)}>
          show all {total} rows
        </button>
      )}
    </div>
  );
}
