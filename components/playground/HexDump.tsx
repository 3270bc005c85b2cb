'use client';
import { useState } from 'react';
import { hexRows } from '@/lib/ui/hex';

const FIRST_ROWS = 256;

/** Offset, hex and ASCII columns; long binaries show their first 4 KB until asked. */
export function HexDump({ bytes }: { bytes: Uint8Array }) {
  const [all, setAll] = useState(false);
  const total = Math.ceil(bytes.length / 16);
  const rows = hexRows(bytes, 16, all ? Infinity : FIRST_ROWS);
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
      <pre className="max-h-80 overflow-auto bg-white p-2 font-mono text-[11px] leading-5 sm:text-xs dark:bg-slate-900" data-testid="hex-dump">
        {rows.map((r) => (
          <div key={r.offset} className="whitespace-pre">
            <span className="text-slate-400 dark:text-slate-500">{r.offset}</span>
            {'  '}
            <span>{r.hex.padEnd(48)}</span>
            {'  '}
            <span className="text-emerald-700 dark:text-emerald-400">{r.ascii}</span>
          </div>
        ))}
      </pre>
      {!all && total > FIRST_ROWS && (
        <button type="button" className="w-full border-t border-slate-200 py-1 text-xs text-indigo-700 dark:border-slate-800 dark:text-indigo-300" onClick={() => setAll(true)}>
          show all {total} rows
        </button>
      )}
    </div>
  );
}
