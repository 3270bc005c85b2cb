'use client';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/Dialog';
import { parseHex } from '@/lib/ui/hex';

/** Takes a binary stream as an uploaded .bin file or as pasted hex. */
export function DecompilePanel({ busy, onDecompile }: { busy: boolean; onDecompile(bytes: Uint8Array, label: string): void }) {
  const [hex, setHex] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-sm font-semibold">Decompile a binary</h2>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600 dark:text-slate-300">Upload a .bin file</span>
        <input
          type="file"
          accept=".bin,.fdo,application/octet-stream"
          disabled={busy}
          data-testid="bin-upload"
          className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-indigo-600 file:px-3 file:py-1.5 file:text-white"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setProblem(null);
            onDecompile(new Uint8Array(await file.arrayBuffer()), file.name);
          }}
        />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-600 dark:text-slate-300">…or paste hex</span>
        <textarea
          value={hex}
          onChange={(e) => setHex(e.target.value)}
          rows={3}
          spellCheck={false}
          placeholder="00 01 00 01 01 …"
          data-testid="hex-input"
          className="w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
        />
      </label>
      {problem && (
        <p className="text-sm text-red-700 dark:text-red-400" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={busy || hex.trim() === ''}
        data-testid="decompile-hex"
        onClick={() => {
          const parsed = parseHex(hex);
          if ('error' in parsed) return setProblem(parsed.error);
          setProblem(null);
          onDecompile(parsed.bytes, 'pasted hex');
        }}
      >
        Decompile hex
      </button>
    </section>
  );
}
