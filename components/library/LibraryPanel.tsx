'use client';
/** The library beside the editor: search (server-side, debounced), folders, favourites, recent forms. */
import { useEffect, useState } from 'react';
import type { FormSummary } from '@/lib/library/types';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { errorText, library } from './api';
import { duplicate, openForm, remove, toggleFavorite } from './actions';
import { useDebounced } from './useDebounced';

const PAGE_SIZE = 100;

function FormRow({ form, active }: { form: FormSummary; active: boolean }) {
  return (
    <li
      className={`group flex items-center gap-1 rounded px-1 ${active ? 'bg-indigo-50 dark:bg-indigo-950/60' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
      data-testid="library-item"
      data-name={form.name}
    >
      <button
        type="button"
        aria-label={form.is_favorite ? `Unfavourite ${form.name}` : `Favourite ${form.name}`}
        aria-pressed={form.is_favorite}
        className={`px-0.5 text-base leading-none ${form.is_favorite ? 'text-amber-500' : 'text-slate-300 hover:text-amber-500 dark:text-slate-600'}`}
        onClick={() => void toggleFavorite(form.id, !form.is_favorite)}
        data-testid="library-favorite"
      >
        {form.is_favorite ? '★' : '☆'}
      </button>
      <button
        type="button"
        className="min-w-0 flex-1 truncate py-1 text-left text-sm"
        title={`${form.folder ? `${form.folder}/` : ''}${form.name} · version ${form.version}`}
        onClick={() => void openForm(form.id)}
        data-testid="library-open"
      >
        {form.name}
        <span className="ml-1 text-xs text-slate-400">v{form.version}</span>
      </button>
      <button
        type="button"
        className="rounded px-1 text-xs text-slate-500 hover:bg-slate-200 dark:text-slate-400 dark:hover:bg-slate-700"
        aria-label={`Duplicate ${form.name}`}
        title="Duplicate"
        onClick={() => void duplicate(form.id)}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5" y="5" width="9" height="9" rx="1.5" />
          <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
        </svg>
      </button>
      <button
        type="button"
        className="rounded px-1 text-xs text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
        aria-label={`Delete ${form.name}`}
        title="Delete"
        onClick={() => void remove(form.id)}
        data-testid="library-delete"
      >
        ✕
      </button>
    </li>
  );
}

export function LibraryPanel() {
  const revision = usePlaygroundStore((s) => s.libraryRevision);
  const openId = usePlaygroundStore((s) => s.openForm?.id ?? null);
  const [search, setSearch] = useState('');
  const [favoritesOnly, setFavoritesOnly] = useState(false);
  const [folder, setFolder] = useState<string | null>(null);
  const [files, setFiles] = useState<FormSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [folders, setFolders] = useState<string[]>([]);
  const [recent, setRecent] = useState<FormSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const query = useDebounced(search.trim(), 250);
  /** the listing being shown answers this key; a different one is still on its way */
  const key = JSON.stringify([query, favoritesOnly, folder, revision]);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const loading = loadedKey !== key;

  useEffect(() => {
    let live = true;
    void library
      .list({ search: query || undefined, favorites_only: favoritesOnly || undefined, folder: folder ?? undefined, page_size: PAGE_SIZE })
      .then((r) => {
        if (!live) return;
        setLoadedKey(JSON.stringify([query, favoritesOnly, folder, revision]));
        if (!r.ok) return setError(errorText(r.error));
        setError(null);
        setFiles(r.value.files);
        setTotal(r.value.total);
      });
    return () => {
      live = false;
    };
  }, [query, favoritesOnly, folder, revision]);

  // the folder list comes from an unfiltered listing, so it does not shrink while searching
  useEffect(() => {
    let live = true;
    void Promise.all([library.list({ page_size: 200 }), library.recent(5)]).then(([all, rec]) => {
      if (!live) return;
      if (all.ok) setFolders([...new Set(all.value.files.map((f) => f.folder))].filter((f) => f !== '').sort());
      if (rec.ok) setRecent(rec.value);
    });
    return () => {
      live = false;
    };
  }, [revision]);

  const chip = (active: boolean) =>
    `rounded-full border px-2 py-0.5 text-xs ${active ? 'border-indigo-500 bg-indigo-600 text-white' : 'border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-300 dark:hover:bg-slate-800'}`;

  return (
    <section className="space-y-3" aria-label="Library" data-testid="library-panel">
      <h2 className="text-sm font-semibold">Library</h2>
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        maxLength={255}
        placeholder="Search names and text…"
        aria-label="Search the library"
        className="w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
        data-testid="library-search"
      />
      <div className="flex flex-wrap gap-1">
        <button
          type="button"
          className={chip(favoritesOnly)}
          aria-pressed={favoritesOnly}
          onClick={() => setFavoritesOnly(!favoritesOnly)}
          data-testid="library-favorites-only"
        >
          ★ Favourites
        </button>
        <button type="button" className={chip(folder === null)} aria-pressed={folder === null} onClick={() => setFolder(null)}>
          All folders
        </button>
        <button type="button" className={chip(folder === '')} aria-pressed={folder === ''} onClick={() => setFolder('')}>
          (top level)
        </button>
        {folders.map((f) => (
          <button key={f} type="button" className={chip(folder === f)} aria-pressed={folder === f} onClick={() => setFolder(f)} data-testid="library-folder">
            {f}
          </button>
        ))}
      </div>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-xs text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      )}
      <div>
        <p className="mb-1 text-xs text-slate-500 dark:text-slate-400" aria-live="polite" data-testid="library-count">
          {loading ? 'Loading…' : `${total} form${total === 1 ? '' : 's'}${total > files.length ? `, first ${files.length} shown` : ''}`}
        </p>
        <ul className="max-h-[50vh] space-y-0.5 overflow-y-auto" data-testid="library-list">
          {files.map((f) => (
            <FormRow key={f.id} form={f} active={f.id === openId} />
          ))}
        </ul>
        {!loading && files.length === 0 && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {query || favoritesOnly || folder !== null ? 'Nothing matches.' : 'No saved forms yet: Ctrl+S saves the editor’s text.'}
          </p>
        )}
      </div>
      {recent.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Recent</h3>
          <ul className="space-y-0.5" data-testid="library-recent">
            {recent.map((f) => (
              <li key={f.id}>
                <button
                  type="button"
                  className="w-full truncate rounded px-1 py-0.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                  onClick={() => void openForm(f.id)}
                >
                  {f.folder ? <span className="text-slate-400">{f.folder}/</span> : null}
                  {f.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
