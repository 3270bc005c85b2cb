'use client';
/** The playground's source text and the outcome of the last compile, decompile or round trip. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { CodecError } from './codec-client';
import { deferredJsonStorage } from './deferred-storage';

export interface CompileOutcome {
  bytes: Uint8Array;
  timeMs: number;
  serverSeconds: number | null;
  daemonId: string | null;
}

export interface RoundTripOutcome {
  bytesMatch: boolean;
  textMatch: boolean;
  firstDifference: number | null;
  sizes: [number, number];
}

/** The library form the editor holds: `version` is the one the editor started from, `saved` its text. */
export interface OpenForm {
  id: number;
  name: string;
  folder: string;
  version: number;
  saved: string;
  is_favorite: boolean;
}

interface PlaygroundState {
  source: string;
  exampleId: string | null;
  compiled: CompileOutcome | null;
  error: CodecError | null;
  decompiled: { text: string; inputSize: number; daemonId: string | null; timeMs: number } | null;
  roundTrip: RoundTripOutcome | null;
  busy: 'compile' | 'decompile' | 'roundtrip' | null;
  openForm: OpenForm | null;
  /** bumped after every change to the library, so its lists fetch again */
  libraryRevision: number;
  /** whether the library panel is shown; null until the user chooses: shown on wide screens, folded on phones */
  libraryShown: boolean | null;
  setLibraryShown(shown: boolean): void;
  setOpenForm(f: OpenForm | null): void;
  bumpLibrary(): void;
  setSource(source: string, exampleId?: string | null): void;
  setBusy(busy: PlaygroundState['busy']): void;
  setCompiled(c: CompileOutcome | null): void;
  setError(e: CodecError | null): void;
  setDecompiled(d: PlaygroundState['decompiled']): void;
  setRoundTrip(r: RoundTripOutcome | null): void;
}

export const usePlaygroundStore = create<PlaygroundState>()(
  persist(
    (set) => ({
      source: '',
      exampleId: null,
      compiled: null,
      error: null,
      decompiled: null,
      roundTrip: null,
      busy: null,
      openForm: null,
      libraryRevision: 0,
      libraryShown: null,
      setLibraryShown: (libraryShown) => set({ libraryShown }),
      setOpenForm: (openForm) => set({ openForm }),
      bumpLibrary: () => set((s) => ({ libraryRevision: s.libraryRevision + 1 })),
      setSource: (source, exampleId) => set((s) => ({ source, exampleId: exampleId === undefined ? s.exampleId : exampleId })),
      setBusy: (busy) => set({ busy }),
      setCompiled: (compiled) => set({ compiled }),
      setError: (error) => set({ error }),
      setDecompiled: (decompiled) => set({ decompiled }),
      setRoundTrip: (roundTrip) => set({ roundTrip }),
    }),
    {
      name: 'atomforge-playground',
      // written after the keystroke's task, not inside it (the text can be 50 KB)
      storage: deferredJsonStorage(() => sessionStorage),
      partialize: (s) => ({ source: s.source, exampleId: s.exampleId, openForm: s.openForm, libraryShown: s.libraryShown }),
    },
  ),
);
