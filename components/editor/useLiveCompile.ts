'use client';
/**
 * Runs the compiler in a web worker as the user types. Never more than one compile in
 * flight: a text typed while one runs waits, and only the newest waiting text is sent
 * when it finishes, so a burst of keystrokes costs one compile at the end, not one each.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveResult } from '@/lib/editor/analyze';

export interface LiveState {
  /** the newest answer */
  result: LiveResult | null;
  /** the newest answer that compiled (what the hex view shows while the text is broken) */
  good: LiveResult | null;
  /** the worker could not start (old browser, blocked script): live checks are off */
  unavailable: boolean;
}

export function useLiveCompile(): [LiveState, (source: string) => void] {
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const waiting = useRef<string | null>(null);
  const nextId = useRef(1);
  const [state, setState] = useState<LiveState>({ result: null, good: null, unavailable: false });

  const send = useCallback((source: string) => {
    const w = worker.current;
    if (!w) {
      waiting.current = source;
      return;
    }
    busy.current = true;
    w.postMessage({ id: nextId.current++, source });
  }, []);

  useEffect(() => {
    let w: Worker;
    try {
      w = new Worker(new URL('./fdo.worker.ts', import.meta.url), { name: 'fdo-live-compile' });
    } catch {
      // the worker is the external system here: that it cannot start is its answer
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setState((s) => ({ ...s, unavailable: true }));
      return;
    }
    worker.current = w;
    w.onmessage = (event: MessageEvent<LiveResult>) => {
      busy.current = false;
      const r = event.data;
      setState((s) => ({ result: r, good: r.ok ? r : s.good, unavailable: false }));
      if (waiting.current !== null) {
        const next = waiting.current;
        waiting.current = null;
        send(next);
      }
    };
    w.onerror = () => {
      busy.current = false;
      setState((s) => ({ ...s, unavailable: true }));
    };
    if (waiting.current !== null) {
      const first = waiting.current;
      waiting.current = null;
      send(first);
    }
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [send]);

  const submit = useCallback(
    (source: string) => {
      if (busy.current || !worker.current) waiting.current = source;
      else send(source);
    },
    [send],
  );

  return [state, submit];
}
