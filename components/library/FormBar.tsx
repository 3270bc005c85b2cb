'use client';
/** The open form above the editor: its name and version, unsaved marker, and what can be done to it. */
import { buttonClass } from '@/components/ui/Dialog';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { closeForm, duplicate, remove, rename, save, saveAs, toggleFavorite } from './actions';
import { useLibraryUi } from './library-ui-store';
import { NameDialog } from './NameDialog';

const small = `${buttonClass.secondary} !px-2 !py-1 text-xs`;

export function FormBar({ templated }: { templated: boolean }) {
  const open = usePlaygroundStore((s) => s.openForm);
  const dirty = usePlaygroundStore((s) => s.openForm !== null && s.openForm.saved !== s.source);
  const ui = useLibraryUi();
  return (
    <div className="space-y-1">
      <div
        className="flex flex-wrap items-center gap-1.5 rounded-lg border border-slate-200 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
        data-testid="form-bar"
      >
        <div className="mr-auto min-w-0 text-sm" data-testid="form-title">
          {open ? (
            <>
              {open.folder && <span className="text-slate-400">{open.folder}/</span>}
              <strong className="break-all">{open.name}</strong>
              <span className="ml-1 text-xs text-slate-500 dark:text-slate-400" data-testid="form-version">
                v{open.version}
              </span>
              {dirty && (
                <span className="ml-1 text-xs text-amber-600 dark:text-amber-400" data-testid="form-dirty">
                  ● unsaved
                </span>
              )}
            </>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">Not saved in the library</span>
          )}
        </div>
        {open && (
          <input
            value={ui.note}
            onChange={(e) => ui.setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
            }}
            maxLength={1000}
            placeholder="Version note (optional)"
            aria-label="Message for the next version"
            className="w-40 min-w-0 rounded border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-600 dark:bg-slate-800"
            data-testid="form-note"
          />
        )}
        <button type="button" className={`${buttonClass.primary} !px-2 !py-1 text-xs`} onClick={() => void save()} title="Ctrl+S" data-testid="form-save">
          Save
        </button>
        <button type="button" className={small} onClick={() => ui.setDialog('save-as')} data-testid="form-save-as">
          Save as…
        </button>
        {open && (
          <>
            <button type="button" className={small} onClick={() => ui.setDialog('rename')} data-testid="form-rename">
              Rename
            </button>
            <button type="button" className={small} onClick={() => void duplicate(open.id)} data-testid="form-duplicate">
              Duplicate
            </button>
            <button
              type="button"
              className={small}
              aria-pressed={open.is_favorite}
              onClick={() => void toggleFavorite(open.id, !open.is_favorite)}
              data-testid="form-favorite"
            >
              {open.is_favorite ? '★ Favourite' : '☆ Favourite'}
            </button>
            <button type="button" className={small} aria-pressed={ui.side === 'history'} onClick={() => ui.setSide('history')} data-testid="form-history">
              History
            </button>
            <button type="button" className={`${small} !text-red-700 dark:!text-red-300`} onClick={() => void remove(open.id)} data-testid="form-delete">
              Delete
            </button>
            <button type="button" className={small} onClick={closeForm} title="Keep the text, detach it from the library" data-testid="form-close">
              New
            </button>
          </>
        )}
        {templated && (
          <button type="button" className={small} aria-pressed={ui.side === 'variables'} onClick={() => ui.setSide('variables')} data-testid="form-variables">
            Variables
          </button>
        )}
      </div>
      {ui.error && ui.dialog === null && (
        <p
          role="alert"
          className="flex items-start gap-2 rounded border border-red-300 bg-red-50 px-2 py-1 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          data-testid="library-error"
        >
          <span className="min-w-0 flex-1 break-words">{ui.error}</span>
          <button type="button" aria-label="Dismiss the error" onClick={() => ui.setError(null)}>
            ✕
          </button>
        </p>
      )}
      <NameDialog
        key={`save-as-${ui.dialog}`}
        open={ui.dialog === 'save-as'}
        title="Save as a new form"
        submitLabel="Save"
        initial={{ name: open ? `${open.name} copy` : '', folder: open?.folder ?? '' }}
        onSubmit={saveAs}
      />
      <NameDialog
        key={`rename-${ui.dialog}-${open?.id}`}
        open={ui.dialog === 'rename'}
        title="Rename or move"
        submitLabel="Rename"
        initial={{ name: open?.name ?? '', folder: open?.folder ?? '' }}
        onSubmit={rename}
      />
    </div>
  );
}
