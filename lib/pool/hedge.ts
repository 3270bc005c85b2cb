/**
 * When to send a second copy of a request to another daemon (a hedge). A daemon that
 * accepted a request and then hangs (SIGSTOP, a stuck engine) would hold it for the whole
 * attempt timeout; instead, once an attempt has been silent for far longer than its
 * daemon normally needs, the same request also goes to another healthy daemon and the
 * first answer wins. The deadline sits well above the recent p99, so a healthy daemon is
 * never hedged against, and it grows with the body, so large inputs get their own time.
 */
export interface HedgePolicy {
  /** never hedge sooner than this */
  minMs: number;
  /** the recent p99 is multiplied by this */
  p99Factor: number;
  /** never wait longer than this for a small body before hedging (the failover promise) */
  maxMs: number;
  /** bytes of body a daemon handles per millisecond at worst; larger bodies wait longer */
  bytesPerMs: number;
}

export const DEFAULT_HEDGE_POLICY: HedgePolicy = { minMs: 150, p99Factor: 8, maxMs: 350, bytesPerMs: 2_000 };

/** milliseconds of silence after which an attempt is hedged */
export function hedgeDelayMs(recentP99Ms: number, bodyBytes: number, policy: HedgePolicy = DEFAULT_HEDGE_POLICY): number {
  const fromLatency = Math.min(policy.maxMs, Math.max(policy.minMs, policy.p99Factor * (Number.isFinite(recentP99Ms) ? recentP99Ms : 0)));
  return Math.round(fromLatency + bodyBytes / policy.bytesPerMs);
}
