'use client';
/** Name and folder of a form, for "save as" and "rename". */
import { useState } from 'react';
import { Dialog, buttonClass } from '@/components/ui/Dialog';
import { useLibraryUi } from './library-ui-store';

const field = 'w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';

function NameForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: { name: string; folder: string };
  submitLabel: string;
  onSubmit(name: string, folder: string): Promise<boolean>;
  onCancel(): void;
}) {
  const [name, setName] = useState(initial.name);
  const [folder, setFolder] = useState(initial.folder);
  const [busy, setBusy] = useState(false);
  const error = useLibraryUi((s) => s.error);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void onSubmit(name.trim(), folder.trim()).then((ok) => {
          setBusy(false);
          if (ok) onCancel();
        });
      }}
    >
      <label className="block text-sm">
        Name
        <input className={field} value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} autoFocus data-testid="form-name" />
      </label>
      <label className="block text-sm">
        Folder <span className="text-xs text-slate-500">(parts separated by /; empty for the top level)</span>
        <input className={field} value={folder} onChange={(e) => setFolder(e.target.value)} maxLength={1024} data-testid="form-folder" />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={buttonClass.primary} disabled={busy || name.trim() === ''} data-testid="form-name-submit">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

export function NameDialog({
  open,
  title,
  submitLabel,
  initial,
  onSubmit,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  initial: { name: string; folder: string };
  onSubmit(name: string, folder: string): Promise<boolean>;
}) {
  const setDialog = useLibraryUi((s) => s.setDialog);
  const close = () => setDialog(null);
  return (
    <Dialog open={open} title={title} onClose={close}>
      <NameForm initial={initial} submitLabel={submitLabel} onSubmit={onSubmit} onCancel={close} />
    </Dialog>
  );
}
