'use client';
/**
 * False during hydration and the page's first frame, true in a task after that frame:
 * what the first paint does not show (the library, its requests, the panels below the
 * fold) waits for it instead of competing with it for the main thread and the server.
 */
import { useEffect, useState } from 'react';

export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a rAF callback runs before the frame's paint; the task it queues runs after it
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
