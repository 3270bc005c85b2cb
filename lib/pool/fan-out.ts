/**
 * When and how a large compile is spread over several daemons. The source is cut between
 * top-level atoms (lib/fdo splitSource: FULL style carries no state across atoms, so the
 * parts' bytes joined are the whole's bytes) and the parts are compiled at once on
 * different daemons. Parts go through the dispatcher like any request (retried, hedged),
 * at most one per daemon at a time, so one huge request takes its fair share of the pool
 * and no more.
 */
export interface FanOutPlan {
  /** cut the source into parts of about this many bytes */
  partBytes: number;
  maxParts: number;
  /** parts compiled at once */
  concurrency: number;
}

/** a part smaller than this costs more in HTTP and bookkeeping than it saves */
export const MIN_PART_BYTES = 64 * 1024;
export const MAX_PARTS = 64;

/** null: compile it whole on one daemon */
export function planFanOut(sourceBytes: number, thresholdBytes: number, daemons: number): FanOutPlan | null {
  if (thresholdBytes <= 0 || sourceBytes < thresholdBytes || daemons < 2) return null;
  // two parts per daemon: a daemon that finishes early takes another, so one slow part does not hold the rest
  const partBytes = Math.max(MIN_PART_BYTES, Math.ceil(sourceBytes / (daemons * 2)));
  if (partBytes * 2 > sourceBytes) return null;
  return { partBytes, maxParts: MAX_PARTS, concurrency: daemons };
}

/** a compile error found in a part, moved to where it stands in the whole source */
export function shiftLines<T extends { line: number | null; context: string[] }>(error: T, firstLine: number): T {
  const by = firstLine - 1;
  if (by === 0) return error;
  return {
    ...error,
    line: error.line === null ? null : error.line + by,
    context: error.context.map((l) =>
      l.replace(/^(>>| {2})(\s*)(\d+)(\s*\|)/, (_, mark: string, pad: string, n: string, bar: string) => `${mark}${pad}${Number(n) + by}${bar}`),
    ),
  };
}
