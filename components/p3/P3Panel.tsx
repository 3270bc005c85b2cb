'use client';
/**
 * The P3 view of the playground's source: token, stream id, budget and first TX/RX in;
 * the DATA frames out, with their header fields and CRC, large-atom pieces marked, and
 * copy as hex or as capture JSONL.
 */
import { memo, useState } from 'react';
import { buttonClass } from '@/components/ui/Dialog';
import { chunkSource, framesAsJsonl, type ChunkAnswer, type ChunkParams } from '@/lib/ui/p3-client';
import { usePlaygroundStore } from '@/lib/ui/playground-store';

const inputClass = 'w-20 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800';

const PIECE_STYLE: Record<string, string> = {
  start: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200',
  segment: 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-200',
  end: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200',
};

/**
 * Reads the source from the store when it runs, and subscribes only to whether there is
 * any: the panel does not render again on every keystroke.
 */
export const P3Panel = memo(function P3Panel() {
  const empty = usePlaygroundStore((s) => !/\S/.test(s.source));
  const [params, setParams] = useState<ChunkParams>({ token: 'AT', streamId: '0x63', budget: '121', tx: '0x10', rx: '0x10' });
  const [answer, setAnswer] = useState<ChunkAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setProblem(null);
    const r = await chunkSource(usePlaygroundStore.getState().source, params);
    setBusy(false);
    if (!r.ok) {
      setAnswer(null);
      setProblem(r.line !== null ? `line ${r.line}${r.column !== null ? `, column ${r.column}` : ''}: ${r.message}` : r.message);
      return;
    }
    setAnswer(r.value);
  }

  async function copy(what: 'hex' | 'jsonl') {
    if (!answer) return;
    const text = what === 'hex' ? answer.frames.map((f) => f.hex).join('\n') + '\n' : framesAsJsonl(answer.frames, params.token);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null);
      setProblem('the browser refused clipboard access');
    }
  }

  const field = (key: keyof ChunkParams, label: string) => (
    <label className="flex items-center gap-1 text-xs">
      <span className="text-slate-600 dark:text-slate-300">{label}</span>
      <input
        value={params[key]}
        onChange={(e) => setParams({ ...params, [key]: e.target.value })}
        className={inputClass}
        data-testid={`p3-${key}`}
        spellCheck={false}
      />
    </label>
  );

  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid="p3-panel">
      <h2 className="text-sm font-semibold">P3 frames</h2>
      <div className="flex flex-wrap items-center gap-2">
        {field('token', 'token')}
        {field('streamId', 'stream id')}
        {field('budget', 'FDO bytes/frame')}
        {field('tx', 'TX')}
        {field('rx', 'RX')}
        <button type="button" className={buttonClass.secondary} onClick={() => void run()} disabled={busy || empty} data-testid="p3-chunk">
          {busy ? 'Framing…' : 'Frame it'}
        </button>
      </div>
      {problem && (
        <p className="text-sm text-red-700 dark:text-red-400" role="alert" data-testid="p3-error">
          {problem}
        </p>
      )}
      {answer && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-x-4 text-sm">
            <span data-testid="p3-summary">
              <strong>{answer.chunk_count}</strong> frames, {answer.continuation_count} continuing a large atom, {answer.max_fdo_bytes} FDO bytes per frame
            </span>
            <button type="button" className={`${buttonClass.secondary} ml-auto !py-1 text-xs`} onClick={() => void copy('hex')} data-testid="p3-copy-hex">
              {copied === 'hex' ? 'Copied' : 'Copy hex'}
            </button>
            <button type="button" className={`${buttonClass.secondary} !py-1 text-xs`} onClick={() => void copy('jsonl')} data-testid="p3-copy-jsonl">
              {copied === 'jsonl' ? 'Copied' : 'Copy JSONL'}
            </button>
          </div>
          <div className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800">
            <table className="w-full text-left font-mono text-xs" data-testid="p3-frames">
              <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
                <tr>
                  <th className="px-2 py-1">#</th>
                  <th className="px-2 py-1">TX</th>
                  <th className="px-2 py-1">RX</th>
                  <th className="px-2 py-1">LEN</th>
                  <th className="px-2 py-1">CRC</th>
                  <th className="px-2 py-1">FDO</th>
                  <th className="px-2 py-1">large atom</th>
                  <th className="px-2 py-1">frame</th>
                </tr>
              </thead>
              <tbody>
                {answer.frames.map((f) => (
                  <tr key={f.index} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="p3-frame">
                    <td className="px-2 py-1">{f.index}</td>
                    <td className="px-2 py-1">{f.tx.toString(16).toUpperCase()}</td>
                    <td className="px-2 py-1">{f.rx.toString(16).toUpperCase()}</td>
                    <td className="px-2 py-1">{f.len}</td>
                    <td className="px-2 py-1">{f.crc.slice(2)}</td>
                    <td className="px-2 py-1">{f.fdo_size}</td>
                    <td className="px-2 py-1">
                      {f.large_atom.map((p, i) => (
                        <span key={i} className={`mr-1 rounded px-1 ${PIECE_STYLE[p]}`} data-piece={p}>
                          {p}
                        </span>
                      ))}
                    </td>
                    <td className="max-w-0 truncate px-2 py-1 text-slate-500 dark:text-slate-400" title={f.hex}>
                      {f.hex}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
});
