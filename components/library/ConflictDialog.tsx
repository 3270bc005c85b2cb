'use client';
/** A save refused because another tab saved first: both texts side by side, and the two ways on. */
import { Dialog, buttonClass } from '@/components/ui/Dialog';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { keepMine, loadNewer } from './actions';
import { useLibraryUi } from './library-ui-store';

const pre = 'max-h-64 overflow-auto whitespace-pre rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950';

export function ConflictDialog() {
  const conflict = useLibraryUi((s) => s.conflict);
  const setConflict = useLibraryUi((s) => s.setConflict);
  // the text only while the dialog is open: typing does not render a closed dialog
  const mine = usePlaygroundStore((s) => (conflict ? s.source : ''));
  return (
    <Dialog open={conflict !== null} title="Someone saved this form first" onClose={() => setConflict(null)}>
      {conflict && (
        <div className="space-y-3" data-testid="conflict">
          <p className="text-sm">
            You started from version {conflict.base_version}; version {conflict.current.version} was saved since
            {conflict.current.message ? ` (“${conflict.current.message}”)` : ''} at {new Date(conflict.current.created_at).toLocaleString()}. Nothing was
            overwritten.
          </p>
          <div className="grid gap-2 sm:grid-cols-2">
            <div>
              <h3 className="mb-1 text-xs font-semibold">Your text</h3>
              <pre className={pre} data-testid="conflict-mine">
                {mine}
              </pre>
            </div>
            <div>
              <h3 className="mb-1 text-xs font-semibold">Version {conflict.current.version} (saved)</h3>
              <pre className={pre} data-testid="conflict-theirs">
                {conflict.current.content}
              </pre>
            </div>
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className={buttonClass.secondary} onClick={() => setConflict(null)}>
              Decide later
            </button>
            <button type="button" className={buttonClass.secondary} onClick={loadNewer} data-testid="conflict-load-newer">
              Load version {conflict.current.version}
            </button>
            <button type="button" className={buttonClass.primary} onClick={() => void keepMine()} data-testid="conflict-keep-mine">
              Keep mine as version {conflict.current.version + 1}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
