'use client';
/**
 * The Captures page: upload a JSONL capture, see its streams (direction, token, stream id,
 * frames, bytes, checks, DOD facts) and open any stream's FDO in the playground's editor.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { decodeCaptureFile, type CaptureAnswer, type CaptureStreamView } from '@/lib/ui/p3-client';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { buttonClass } from '@/components/ui/Dialog';

function dodText(s: CaptureStreamView): string {
  const parts: string[] = [];
  if (s.dod.form_ids.length) parts.push(`form ${s.dod.form_ids.join(', ')}`);
  if (s.dod.gids.length) parts.push(`GID ${s.dod.gids.join(', ')}`);
  if (s.dod.transaction_ids.length) parts.push(`txn ${s.dod.transaction_ids.join(', ')}`);
  for (const a of s.dod.art) parts.push(`${a.kind} art ${a.width}×${a.height}, ${a.size} B`);
  return parts.join(' · ') || '—';
}

export function CapturesView() {
  const router = useRouter();
  const [answer, setAnswer] = useState<CaptureAnswer | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(file: File) {
    setBusy(true);
    setProblem(null);
    setFileName(file.name);
    const r = await decodeCaptureFile(file, file.name);
    setBusy(false);
    if (!r.ok) {
      setAnswer(null);
      setProblem(r.message);
      return;
    }
    setAnswer(r.value);
  }

  function open(s: CaptureStreamView) {
    if (s.text === null) return;
    usePlaygroundStore.getState().setSource(s.text, null);
    router.push('/');
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-xl font-semibold">Captures</h1>
        <label className="text-sm">
          <span className="mb-1 block text-slate-600 dark:text-slate-300">Upload a JSONL capture (one P3 frame a line)</span>
          <input
            type="file"
            accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson"
            disabled={busy}
            data-testid="capture-upload"
            className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-indigo-600 file:px-3 file:py-1.5 file:text-white"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
      </div>
      {busy && <p className="text-sm text-slate-500">Decoding {fileName}…</p>}
      {problem && (
        <p className="text-sm text-red-700 dark:text-red-400" role="alert" data-testid="capture-error">
          {problem}
        </p>
      )}
      {!answer && !busy && !problem && (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
          Frames are checked (sync, LEN, CRC, terminator), grouped by direction and stream id, large atoms joined and every stream decompiled.
        </p>
      )}
      {answer && (
        <section className="space-y-2">
          <p className="text-sm" data-testid="capture-summary">
            <strong>{fileName}</strong>: {answer.frames} frames ({answer.data_frames} DATA, {answer.frames_skipped.control ?? 0} control,{' '}
            {answer.frames_skipped.gid_requests ?? 0} GID requests), {answer.streams.length} streams, {answer.failure_count} failed checks
            {answer.order === 'reversed' ? ', lines were newest first' : ''}
          </p>
          {answer.failures.length > 0 && (
            <ul
              className="max-h-32 overflow-auto rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
              data-testid="capture-failures"
            >
              {answer.failures.slice(0, 50).map((f, i) => (
                <li key={i}>
                  line {f.line ?? '?'}: {f.check}: {f.message}
                </li>
              ))}
            </ul>
          )}
          <div className="overflow-x-auto rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className="w-full text-left text-xs" data-testid="capture-streams">
              <thead className="bg-slate-100 dark:bg-slate-800">
                <tr>
                  <th className="px-2 py-1">direction</th>
                  <th className="px-2 py-1">token</th>
                  <th className="px-2 py-1">stream</th>
                  <th className="px-2 py-1">frames</th>
                  <th className="px-2 py-1">bytes</th>
                  <th className="px-2 py-1">checks</th>
                  <th className="px-2 py-1">DOD</th>
                  <th className="px-2 py-1" />
                </tr>
              </thead>
              <tbody>
                {answer.streams.map((s) => (
                  <tr
                    key={s.index}
                    className="border-t border-slate-100 align-top dark:border-slate-800"
                    data-testid="capture-stream"
                    data-stream={`${s.direction} ${s.stream_id_hex}`}
                  >
                    <td className="whitespace-nowrap px-2 py-1 font-mono">{s.direction}</td>
                    <td className="px-2 py-1 font-mono">{s.token}</td>
                    <td className="px-2 py-1 font-mono">{s.stream_id_hex || '—'}</td>
                    <td className="px-2 py-1">
                      {s.frames}{' '}
                      <span className="text-slate-500">
                        (lines {s.first_line}–{s.last_line})
                      </span>
                    </td>
                    <td className="px-2 py-1">
                      {s.bytes}
                      {s.large_atoms ? <span className="text-slate-500"> ({s.large_atoms} large)</span> : null}
                    </td>
                    <td className="px-2 py-1">
                      {s.failures.length === 0 && !s.decompile_error ? (
                        <span className="text-emerald-700 dark:text-emerald-400">ok</span>
                      ) : (
                        <span
                          className="text-red-700 dark:text-red-400"
                          title={[...s.failures.map((f) => f.message), s.decompile_error?.message ?? ''].join('\n')}
                        >
                          {s.failures.length ? `${s.failures.length} failed` : 'not decompiled'}
                        </span>
                      )}
                    </td>
                    <td className="px-2 py-1">{dodText(s)}</td>
                    <td className="px-2 py-1">
                      <button
                        type="button"
                        className={`${buttonClass.secondary} !px-2 !py-0.5 text-xs`}
                        disabled={s.text === null}
                        onClick={() => open(s)}
                        data-testid="open-stream"
                      >
                        Open in editor
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
