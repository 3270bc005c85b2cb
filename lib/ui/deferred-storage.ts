'use client';
/**
 * A persist storage for zustand that writes after the current task instead of inside the
 * state change: the playground's store holds the editor's text, and writing 50 KB to
 * sessionStorage on every keystroke cost several ms inside the keystroke's handler (before
 * the live compile's answer could be shown). Writes are coalesced per task and flushed
 * when the page is hidden or left, so a reload still finds the last text; reads see a
 * pending write first.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';

export function deferredJsonStorage<S>(getStorage: () => Storage): PersistStorage<S> | undefined {
  let storage: Storage;
  try {
    storage = getStorage();
  } catch {
    // no storage here (the server's render): nothing is persisted
    return undefined;
  }
  const pending = new Map<string, StorageValue<S>>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    for (const [name, value] of pending) {
      try {
        storage.setItem(name, JSON.stringify(value));
      } catch {
        // a full or refused storage: the tab keeps its state in memory, as before the write
      }
    }
    pending.clear();
  };

  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }

  return {
    getItem(name) {
      const waiting = pending.get(name);
      if (waiting) return waiting;
      const raw = storage.getItem(name);
      return raw === null ? null : (JSON.parse(raw) as StorageValue<S>);
    },
    setItem(name, value) {
      pending.set(name, value);
      timer ??= setTimeout(flush, 0);
    },
    removeItem(name) {
      pending.delete(name);
      storage.removeItem(name);
    },
  };
}
