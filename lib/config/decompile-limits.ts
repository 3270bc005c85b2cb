/**
 * How much text one decompile may produce: at most `maxOutputRatio` times its input (never
 * less than a 1 MiB floor, so small streams are never refused) and never past
 * `maxOutputBytes`. The corpus peaks at 84x (test_1659); the output bomb of issue 8 is 525x.
 * Settings FDO_DECOMPILE_MAX_RATIO and FDO_DECOMPILE_MAX_OUTPUT (validated with the rest
 * in env.ts). This file has no dependencies: the daemon reads it without the config schema.
 */

export interface DecompileLimits {
  maxOutputRatio: number;
  maxOutputBytes: number;
}

export const DECOMPILE_OUTPUT_FLOOR_BYTES = 1 << 20;

export const DEFAULT_DECOMPILE_LIMITS: DecompileLimits = { maxOutputRatio: 256, maxOutputBytes: 64 * 1024 * 1024 };

/** The most text a decompile of `inputBytes` bytes may produce. */
export function decompileOutputLimit(limits: DecompileLimits, inputBytes: number): number {
  return Math.min(limits.maxOutputBytes, Math.max(DECOMPILE_OUTPUT_FLOOR_BYTES, inputBytes * limits.maxOutputRatio));
}

/**
 * The limits from the environment (the daemon's defaults: the pool's daemons inherit the
 * service's); throws an Error naming a bad variable. The same ranges as schema.ts.
 */
export function decompileLimitsFromEnv(env: Record<string, string | undefined> = process.env): DecompileLimits {
  const limits = { ...DEFAULT_DECOMPILE_LIMITS };
  const ratio = env.FDO_DECOMPILE_MAX_RATIO?.trim();
  if (ratio) {
    if (!/^\d+$/.test(ratio) || Number(ratio) < 1 || Number(ratio) > 1_000_000)
      throw new Error(`FDO_DECOMPILE_MAX_RATIO=${JSON.stringify(ratio)} is invalid: expected a whole number from 1 to 1000000`);
    limits.maxOutputRatio = Number(ratio);
  }
  const max = env.FDO_DECOMPILE_MAX_OUTPUT?.trim();
  if (max) {
    const n = /^\d+$/.test(max) ? Number(max) : NaN;
    if (!(n >= 1024 && n <= 1 << 30))
      throw new Error(`FDO_DECOMPILE_MAX_OUTPUT=${JSON.stringify(max)} is invalid: expected a whole number from 1024 to 1073741824 (bytes)`);
    limits.maxOutputBytes = n;
  }
  return limits;
}
