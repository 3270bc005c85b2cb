'use client';
/**
 * What the library panel shows besides the lists: the last route error, the toast (with an
 * undo), a save refused as a conflict, and which dialog or side panel is open.
 */
import { create } from 'zustand';
import type { SaveConflict } from '@/lib/library/client';

export interface Toast {
  id: number;
  text: string;
  action: { label: string; run(): void } | null;
}

export type LibraryDialog = 'save-as' | 'rename' | null;
export type SidePanel = 'history' | 'variables' | null;

interface LibraryUiState {
  error: string | null;
  toast: Toast | null;
  conflict: SaveConflict | null;
  dialog: LibraryDialog;
  side: SidePanel;
  /** the message for the next saved version (optional) */
  note: string;
  setNote(note: string): void;
  setError(error: string | null): void;
  showToast(text: string, action?: Toast['action']): void;
  hideToast(id: number): void;
  setConflict(c: SaveConflict | null): void;
  setDialog(d: LibraryDialog): void;
  setSide(p: SidePanel): void;
}

let toastIds = 0;

export const useLibraryUi = create<LibraryUiState>()((set) => ({
  error: null,
  toast: null,
  conflict: null,
  dialog: null,
  side: null,
  note: '',
  setNote: (note) => set({ note }),
  setError: (error) => set({ error }),
  showToast: (text, action = null) => set({ toast: { id: ++toastIds, text, action } }),
  hideToast: (id) => set((s) => (s.toast?.id === id ? { toast: null } : {})),
  setConflict: (conflict) => set({ conflict }),
  setDialog: (dialog) => set({ dialog, error: null }),
  setSide: (side) => set((s) => ({ side: s.side === side ? null : side })),
}));
