'use client';
/** Ctrl+S / Cmd+S saves (instead of the browser's "save page"); leaving with unsaved text asks first. */
import { useEffect } from 'react';
import { usePlaygroundStore } from '@/lib/ui/playground-store';
import { isDirty, save } from './actions';

export function useLibraryKeys(): void {
  const dirty = usePlaygroundStore((s) => s.openForm !== null && s.openForm.saved !== s.source);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  useEffect(() => {
    if (!dirty) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty]);
}
