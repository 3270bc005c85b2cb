/**
 * Exponential backoff between attempts of one request: 0.1 s, 0.2 s, 0.4 s, … so a pool
 * in trouble is not hammered by its own retries, capped so a late retry still comes soon.
 */
export const BACKOFF_BASE_MS = 100;
export const BACKOFF_CAP_MS = 3_200;

/** delay before retry number `retry` (0 = the first retry, after the first failed attempt) */
export function backoffDelayMs(retry: number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  if (!Number.isFinite(retry) || retry < 0) return baseMs;
  return Math.min(capMs, baseMs * 2 ** Math.floor(retry));
}
