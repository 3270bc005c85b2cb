/**
 * When a crashed daemon is started again. A crash loop never becomes a permanent outage:
 * - crashes 1 … MAX_RESTART_ATTEMPTS in a row restart after RESTART_DELAY (the contract's
 *   quick restarts);
 * - later ones back off exponentially, like a crash-loop backoff: twice the base, four
 *   times, … up to a cap (2 s, 4 s, 8 s … 60 s at the defaults);
 * - a daemon that ran for STABLE_AFTER since its last start has its count forgiven
 *   (slot-machine.ts), so it earns its quick restarts back;
 * - giving up for good happens only when the operator asks for it (FDO_DAEMON_GIVE_UP).
 */
export interface RestartPolicy {
  restartDelayMs: number;
  maxRestartAttempts: number;
  backoffCapMs: number;
  stableAfterMs: number;
  /** stop restarting after maxRestartAttempts crashes in a row (off by default) */
  giveUp: boolean;
}

/** the smallest backoff step, so a RESTART_DELAY of 0 still backs off */
const MIN_BACKOFF_BASE_MS = 1_000;

/** milliseconds until the restart after crash number `crashesInRow` (1-based); null: give up */
export function restartDelayMs(crashesInRow: number, policy: RestartPolicy): number | null {
  if (crashesInRow <= policy.maxRestartAttempts) return policy.restartDelayMs;
  if (policy.giveUp) return null;
  const base = Math.max(policy.restartDelayMs, MIN_BACKOFF_BASE_MS);
  const doublings = Math.min(30, crashesInRow - policy.maxRestartAttempts);
  return Math.min(policy.backoffCapMs, base * 2 ** doublings);
}
