'use client';
/**
 * The atom reference: search and filters kept in the URL (so a search can be linked and
 * reloaded), each atom with its number, type, flags, argument, enum values and a link
 * that inserts it into the playground's editor.
 */
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { paramsFromFilter, PROTOCOLS, searchAtoms, TYPES, type AtomFilter, type AtomRow } from '@/lib/editor/atom-reference';

const PAGE = 100;

function Values({ row }: { row: AtomRow }) {
  if (row.values.length === 0) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-indigo-700 dark:text-indigo-300">{row.values.length} values</summary>
      <ul className="mt-1 grid grid-cols-1 gap-x-4 font-mono sm:grid-cols-2" data-testid="atom-values">
        {row.values.map((v, i) => (
          <li key={`${v.name}-${i}`}>
            {v.name} <span className="text-slate-500 dark:text-slate-400">= {v.value}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function AtomReference({ initial }: { initial: AtomFilter }) {
  const [filter, setFilter] = useState<AtomFilter>(initial);
  const [limit, setLimit] = useState(PAGE);
  const rows = useMemo(() => searchAtoms(filter), [filter]);

  // the filter lives in the URL; replaceState keeps typing from filling the history
  useEffect(() => {
    const url = `/atoms${paramsFromFilter(filter)}`;
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }, [filter]);

  const update = (patch: Partial<AtomFilter>) => {
    setLimit(PAGE);
    setFilter((f) => ({ ...f, ...patch }));
  };

  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">Atom reference</h1>
      <div className="flex flex-wrap items-end gap-2">
        <label className="min-w-0 basis-full text-sm sm:basis-auto sm:flex-1">
          <span className="mb-1 block text-slate-600 dark:text-slate-300">Search names (fuzzy), a value name, or protocol/atom like 16/23</span>
          <input
            type="search"
            value={filter.q}
            maxLength={100}
            onChange={(e) => update({ q: e.target.value })}
            data-testid="atom-search"
            className="w-full rounded border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-800"
            placeholder="dod_data"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-600 dark:text-slate-300">Protocol</span>
          <select
            value={filter.protocol ?? ''}
            onChange={(e) => update({ protocol: e.target.value === '' ? null : Number(e.target.value) })}
            data-testid="atom-protocol"
            className="max-w-[11rem] rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
          >
            <option value="">all</option>
            {PROTOCOLS.map((p) => (
              <option key={p.protocol} value={p.protocol}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-slate-600 dark:text-slate-300">Type</span>
          <select
            value={filter.type ?? ''}
            onChange={(e) => update({ type: e.target.value || null })}
            data-testid="atom-type"
            className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
          >
            <option value="">all</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="atom-count" role="status">
        {rows.length} of 1,861 atoms
      </p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {rows.slice(0, limit).map((r) => (
          <li key={`${r.protocol}/${r.atom}`} className="p-3" data-testid="atom-row" data-atom={r.name}>
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <code className="break-all font-semibold">{r.name}</code>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {r.protocol}/{r.atom} · {r.type}
                {r.flags.length > 0 && ` · ${r.flags.join(', ')}`}
              </span>
              <Link
                href={`/?insert=${encodeURIComponent(r.name)}`}
                className="ml-auto text-sm text-indigo-700 underline dark:text-indigo-300"
                data-testid="atom-insert"
              >
                Insert into the editor
              </Link>
            </div>
            <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-300">{r.argument}</p>
            <Values row={r} />
          </li>
        ))}
      </ul>
      {rows.length > limit && (
        <button
          type="button"
          onClick={() => setLimit((l) => l + PAGE * 5)}
          className="w-full rounded border border-slate-300 py-2 text-sm dark:border-slate-700"
          data-testid="atom-more"
        >
          show {Math.min(PAGE * 5, rows.length - limit)} more
        </button>
      )}
    </div>
  );
}
