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

  /** wires a started worker: its answers, its failure, and the text that waited for it */
  const listen = useCallback(
    (w: Worker) => {
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
    },
    [send],
  );

  const submit = useCallback(
    (source: string) => {
      if (busy.current || !worker.current) waiting.current = source;
      else send(source);
    },
    [send],
  );

  useEffect(() => {
    let w: Worker | null = null;
    const start = () => {
      try {
        w = new Worker(new URL('./fdo.worker.ts', import.meta.url), { name: 'fdo-live-compile' });
      } catch {
        // the worker is the external system here: that it cannot start is its answer
        setState((s) => ({ ...s, unavailable: true }));
        return;
      }
      listen(w);
    };
    // The worker starts after the page's first frame with the editor in it: its scripts
    // and its first compile of the text would otherwise compete with that frame for the
    // CPU (and the server) on small machines. A text typed before then waits for it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(start, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      w?.terminate();
      worker.current = null;
    };
  }, [listen]);

  return [state, submit];
}
