'use client';
/** The playground's source text and the outcome of the last compile, decompile or round trip. */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CodecError } from './codec-client';

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

interface PlaygroundState {
  source: string;
  exampleId: string | null;
  compiled: CompileOutcome | null;
  error: CodecError | null;
  decompiled: { text: string; inputSize: number; daemonId: string | null; timeMs: number } | null;
  roundTrip: RoundTripOutcome | null;
  busy: 'compile' | 'decompile' | 'roundtrip' | null;
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
      setSource: (source, exampleId) => set((s) => ({ source, exampleId: exampleId === undefined ? s.exampleId : exampleId })),
      setBusy: (busy) => set({ busy }),
      setCompiled: (compiled) => set({ compiled }),
      setError: (error) => set({ error }),
      setDecompiled: (decompiled) => set({ decompiled }),
      setRoundTrip: (roundTrip) => set({ roundTrip }),
    }),
    {
      name: 'atomforge-playground',
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s) => ({ source: s.source, exampleId: s.exampleId }),
    },
  ),
);
