'use client';
/**
 * The operator's admin token (kept for the browser tab only, in sessionStorage) and the
 * prompt that asks for it when a mutating route answers 401.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

interface AdminState {
  token: string | null;
  /** set while the token dialog is open: the action to retry once a token is given */
  pending: { reason: string; retry: (token: string) => void } | null;
  setToken(token: string | null): void;
  askForToken(reason: string, retry: (token: string) => void): void;
  closePrompt(): void;
}

export const useAdminStore = create<AdminState>()(
  persist(
    (set) => ({
      token: null,
      pending: null,
      setToken: (token) => set({ token }),
      askForToken: (reason, retry) => set({ pending: { reason, retry } }),
      closePrompt: () => set({ pending: null }),
    }),
    {
      name: 'atomforge-admin',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({ token: s.token }),
    },
  ),
);
