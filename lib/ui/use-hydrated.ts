'use client';
/**
 * False while React renders on the server and hydrates, true once the page runs in the
 * browser: for what only the browser knows (stored choices, persisted text). Read from
 * React's external-store hook, so no effect sets state just to learn it.
 */
import { useSyncExternalStore } from 'react';

const nothingChanges = () => () => undefined;

export function useHydrated(): boolean {
  return useSyncExternalStore(
    nothingChanges,
    () => true,
    () => false,
  );
}
