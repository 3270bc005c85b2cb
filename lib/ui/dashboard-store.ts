'use client';
/** What the dashboard's operator is doing right now: the daemon awaiting a restart confirmation, the last action's outcome. */
import { create } from 'zustand';

export interface Notice {
  kind: 'success' | 'error';
  text: string;
  at: number;
}

interface DashboardState {
  confirmRestart: string | null;
  busy: string | null;
  notice: Notice | null;
  askRestart(id: string | null): void;
  setBusy(what: string | null): void;
  notify(kind: Notice['kind'], text: string): void;
  clearNotice(): void;
}

export const useDashboardStore = create<DashboardState>()((set) => ({
  confirmRestart: null,
  busy: null,
  notice: null,
  askRestart: (id) => set({ confirmRestart: id }),
  setBusy: (busy) => set({ busy }),
  notify: (kind, text) => set({ notice: { kind, text, at: Date.now() } }),
  clearNotice: () => set({ notice: null }),
}));
