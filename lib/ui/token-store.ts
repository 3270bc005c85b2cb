'use client';
/**
 * A bearer token the operator configured on the server (kept for the browser tab only, in
 * sessionStorage) and the prompt that asks for it when a mutating route answers 401.
 * One store per token: the admin token (dashboard) and the library token (playground).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface TokenPrompt {
  reason: string;
  /** runs the refused action again with the token the person gave */
  retry(token: string): void;
  /** the person closed the prompt without a token */
  cancel?(): void;
}

export interface TokenState {
  token: string | null;
  /** set while the token dialog is open */
  pending: TokenPrompt | null;
  setToken(token: string | null): void;
  askForToken(reason: string, retry: (token: string) => void, cancel?: () => void): void;
  /** keeps the token and retries the refused action with it */
  submitToken(token: string): void;
  /** closes the prompt without a token (the refused action is cancelled) */
  closePrompt(): void;
}

export function createTokenStore(storageKey: string) {
  return create<TokenState>()(
    persist(
      (set, get) => ({
        token: null,
        pending: null,
        setToken: (token) => set({ token }),
        askForToken: (reason, retry, cancel) => {
          // a second refusal while the dialog is open replaces the first: that one is cancelled
          get().pending?.cancel?.();
          set({ pending: { reason, retry, cancel } });
        },
        submitToken: (token) => {
          const pending = get().pending;
          set({ token, pending: null });
          pending?.retry(token);
        },
        closePrompt: () => {
          const pending = get().pending;
          set({ pending: null });
          pending?.cancel?.();
        },
      }),
      {
        name: storageKey,
        storage: createJSONStorage(() => sessionStorage),
        partialize: (s) => ({ token: s.token }),
      },
    ),
  );
}

export type TokenStore = ReturnType<typeof createTokenStore>;
