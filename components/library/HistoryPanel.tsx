'use client';
/** The open form's versions: open one, compare two, restore one as a new version. */
import { useEffect, useState } from 'react';
import { buttonClass } from '@/components/ui/Dialog';
import type { DiffAnswer } from '@/lib/library/client';
import type { VersionSummary } from '@/lib/library/types';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { errorText, library } from './api';
import { openVersion, restoreVersion } from './actions';
import { DiffView } from './DiffView';

const small = `${buttonClass.secondary} !px-2 !py-0.5 text-xs`;
const select = 'rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-600 dark:bg-slate-800';

export function HistoryPanel() {
  const open = usePlaygroundStore((s) => s.openForm);
  const revision = usePlaygroundStore((s) => s.libraryRevision);
  const id = open?.id ?? null;
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<DiffAnswer | null>(null);

  useEffect(() => {
    if (id === null) return;
    let live = true;
    void library.versions(id).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(errorText(r.error));
      setError(null);
      const list = [...r.value].sort((a, b) => b.version - a.version);
      setVersions(list);
      // compare the newest with the one before by default
      setTo(list[0]?.version ?? null);
      setFrom(list[1]?.version ?? list[0]?.version ?? null);
      setDiff(null);
    });
    return () => {
      live = false;
    };
  }, [id, revision]);

  if (!open) return null;

  async function compare() {
    if (id === null || from === null || to === null) return;
    const r = await library.diff(id, from, to);
    if (!r.ok) return setError(errorText(r.error));
    setError(null);
    setDiff(r.value);
  }

  return (
    <section className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-700" aria-label="Version history" data-testid="history-panel">
      <h2 className="text-sm font-semibold">History of {open.name}</h2>
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <ol className="max-h-56 space-y-1 overflow-y-auto" data-testid="history-list">
        {versions.map((v) => (
          <li key={v.version} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs" data-testid="history-item" data-version={v.version}>
            <strong className="w-8">v{v.version}</strong>
            <time dateTime={v.created_at} className="text-slate-500 dark:text-slate-400">
              {new Date(v.created_at).toLocaleString()}
            </time>
            <span className="min-w-0 flex-1 truncate">{v.message ?? <em className="text-slate-400">no message</em>}</span>
            {v.version === open.version && <span className="text-slate-400">(opened)</span>}
            <button type="button" className={small} onClick={() => void openVersion(v.version)} data-testid="history-open">
              Open
            </button>
            <button
              type="button"
              className={small}
              onClick={() => void restoreVersion(v.version)}
              disabled={v.version === versions[0]?.version}
              data-testid="history-restore"
            >
              Restore
            </button>
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <span>Compare</span>
          <select className={select} value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))} aria-label="Older version" data-testid="diff-from">
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
          <span>with</span>
          <select className={select} value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))} aria-label="Newer version" data-testid="diff-to">
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
          <button type="button" className={small} onClick={() => void compare()} data-testid="diff-show">
            Show diff
          </button>
        </div>
      )}
      {diff && <DiffView diff={diff} />}
    </section>
  );
}
