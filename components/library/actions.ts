'use client';
/**
 * The library's actions on the open form: open, save (with the version the editor started
 * from), save as, rename, duplicate, delete with undo, favourite, restore. Each reads and
 * writes the playground store directly so keyboard shortcuts and buttons share one path.
 * Every change goes through `authorized`, which sends the library token and asks for it on 401.
 */
import type { Form } from '@/lib/library/types';
import { usePlaygroundStore, type OpenForm } from '@/lib/ui/playground-store';
import { authorized, errorText, library, type Failed } from './api';
import { useLibraryUi } from './library-ui-store';

const ui = () => useLibraryUi.getState();
const pg = () => usePlaygroundStore.getState();

function asOpen(form: Pick<Form, 'id' | 'name' | 'folder' | 'version' | 'is_favorite'>, saved: string): OpenForm {
  return { id: form.id, name: form.name, folder: form.folder, version: form.version, saved, is_favorite: form.is_favorite };
}

function fail(r: Failed, doing: string): void {
  ui().setError(`${doing}: ${errorText(r.error)}`);
}

function done(): void {
  ui().setError(null);
  pg().bumpLibrary();
}

/** true when the editor holds text that differs from the open form's saved version */
export function isDirty(): boolean {
  const { openForm, source } = pg();
  return openForm !== null && openForm.saved !== source;
}

/** asks before anything replaces unsaved text in the editor */
export function confirmDiscard(): boolean {
  return !isDirty() || window.confirm('The editor has unsaved changes. Discard them?');
}

function load(form: Form): void {
  const s = pg();
  s.setOpenForm(asOpen(form, form.content));
  s.setSource(form.content, null);
  s.setError(null);
  s.setCompiled(null);
  s.setRoundTrip(null);
}

export async function openForm(id: number): Promise<void> {
  if (!confirmDiscard()) return;
  const r = await library.get(id);
  if (!r.ok) return fail(r, 'Opening the form');
  ui().setConflict(null);
  load(r.value);
  done();
}

/** Ctrl+S: a new version of the open form, or "save as" when none is open */
export async function save(): Promise<void> {
  const { openForm: open, source } = pg();
  if (!open) return ui().setDialog('save-as');
  const message = ui().note.trim();
  const r = await authorized(() => library.save(open.id, source, open.version, message === '' ? undefined : message));
  if (!r.ok) {
    if (r.conflict) return ui().setConflict(r.conflict);
    return fail(r, 'Saving');
  }
  // the text may have changed while the request was out: keep what was sent as "saved"
  pg().setOpenForm(asOpen(r.value, source));
  ui().setNote('');
  ui().showToast(`Saved ${r.value.name} as version ${r.value.version}`);
  done();
}

export async function saveAs(name: string, folder: string): Promise<boolean> {
  const source = pg().source;
  const r = await authorized(() => library.create({ name, folder, content: source }));
  if (!r.ok) {
    fail(r, 'Saving as a new form');
    return false;
  }
  pg().setOpenForm(asOpen(r.value, source));
  ui().showToast(`Saved ${r.value.name}`);
  done();
  return true;
}

export async function rename(name: string, folder: string): Promise<boolean> {
  const open = pg().openForm;
  if (!open) return false;
  const r = await authorized(() => library.update(open.id, { name, folder }));
  if (!r.ok) {
    fail(r, 'Renaming');
    return false;
  }
  const now = pg().openForm;
  if (now?.id === open.id) pg().setOpenForm({ ...now, name: r.value.name, folder: r.value.folder });
  done();
  return true;
}

export async function duplicate(id: number): Promise<void> {
  const r = await authorized(() => library.duplicate(id));
  if (!r.ok) return fail(r, 'Duplicating');
  ui().showToast(`Duplicated as ${r.value.name}`, { label: 'Open', run: () => void openForm(r.value.id) });
  done();
}

export async function toggleFavorite(id: number, value: boolean): Promise<void> {
  const r = await authorized(() => library.favorite(id, value));
  if (!r.ok) return fail(r, 'Changing the favourite');
  const open = pg().openForm;
  if (open?.id === id) pg().setOpenForm({ ...open, is_favorite: r.value.is_favorite });
  done();
}

/**
 * Deletes a form (a soft delete on the server); the toast's Undo brings the same form
 * back, id and every version, and points the editor at it again if it was open.
 */
export async function remove(id: number): Promise<void> {
  const before = await library.get(id);
  if (!before.ok) return fail(before, 'Deleting');
  const form = before.value;
  const r = await authorized(() => library.remove(id));
  if (!r.ok) return fail(r, 'Deleting');
  const open = pg().openForm;
  const wasOpen = open?.id === id ? open : null;
  if (wasOpen) pg().setOpenForm(null);
  ui().showToast(`Deleted ${form.name}`, {
    label: 'Undo',
    run: () => void undoDelete(form, wasOpen),
  });
  done();
}

async function undoDelete(form: Form, wasOpen: OpenForm | null): Promise<void> {
  const r = await authorized(() => library.undelete(form.id));
  // 409 Name Taken: another form took the name since; the message says which and what to do
  if (!r.ok) return fail(r, 'Undoing the delete');
  if (wasOpen && pg().openForm === null) {
    // the editor still holds the text (maybe edited since): attach it again as it was, unsaved edits stay unsaved
    pg().setOpenForm({ ...wasOpen, name: r.value.name, folder: r.value.folder, version: r.value.version, is_favorite: r.value.is_favorite });
  }
  ui().showToast(`Restored ${r.value.name} with its ${r.value.version === 1 ? 'version' : `${r.value.version} versions`}`);
  done();
}

/** restore an old version as a new one, and load it */
export async function restoreVersion(n: number): Promise<void> {
  const open = pg().openForm;
  if (!open || !confirmDiscard()) return;
  const r = await authorized(() => library.restore(open.id, n, open.version));
  if (!r.ok) {
    if (r.conflict) return ui().setConflict(r.conflict);
    return fail(r, 'Restoring');
  }
  load(r.value);
  ui().showToast(`Restored version ${n} as version ${r.value.version}`);
  done();
}

/** open an old version's text in the editor; a save then makes it the newest version */
export async function openVersion(n: number): Promise<void> {
  const open = pg().openForm;
  if (!open || !confirmDiscard()) return;
  const r = await library.version(open.id, n);
  if (!r.ok) return fail(r, 'Opening the version');
  pg().setSource(r.value.content, null);
  ui().showToast(`Version ${n} is in the editor; saving makes it a new version`);
}

/** conflict: keep the editor's text as a new version on top of the newer one */
export async function keepMine(): Promise<void> {
  const c = ui().conflict;
  const open = pg().openForm;
  if (!c || !open) return;
  const source = pg().source;
  const r = await authorized(() => library.save(open.id, source, c.current.version, c.attempted.message ?? undefined));
  if (!r.ok) {
    if (r.conflict) return ui().setConflict(r.conflict);
    return fail(r, 'Saving');
  }
  ui().setConflict(null);
  ui().setNote('');
  pg().setOpenForm(asOpen(r.value, source));
  ui().showToast(`Saved your text as version ${r.value.version}`);
  done();
}

/** conflict: drop the editor's text and load the newer version */
export function loadNewer(): void {
  const c = ui().conflict;
  const open = pg().openForm;
  if (!c || !open) return;
  pg().setOpenForm({ ...open, version: c.current.version, saved: c.current.content });
  pg().setSource(c.current.content, null);
  ui().setConflict(null);
  ui().showToast(`Loaded version ${c.current.version}`);
}

/** start a new unsaved form */
export function closeForm(): void {
  if (!confirmDiscard()) return;
  pg().setOpenForm(null);
}
