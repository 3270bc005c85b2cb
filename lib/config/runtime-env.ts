/**
 * The environment variables that are not settings: plumbing between the service's own
 * processes, and what the runtime sets. They are read here, and settings in env.ts, so
 * that nothing outside lib/config reads the environment (test/config/env-reads.test.ts).
 * No Node imports: instrumentation.ts loads this in every Next runtime.
 */
export const PLUMBING = {
  /** the pool names itself to the built-in daemon, which exits when that process is gone */
  FDO_DAEMON_PARENT_PID: 'set by the pool for each built-in daemon',
  /** Next.js: which runtime and build phase instrumentation runs in */
  NEXT_RUNTIME: 'set by Next.js',
  NEXT_PHASE: 'set by Next.js',
  /** node's own options, extended (not replaced) by npm start */
  NODE_OPTIONS: "node's",
} as const;

export type PlumbingName = keyof typeof PLUMBING;

export function plumbing(name: PlumbingName): string | undefined {
  return process.env[name];
}

/** Next.js reports usage to its makers unless told not to: a service here never calls out */
export function disableNextTelemetry(): void {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
}

/**
 * glibc raises its mmap threshold (up to 32 MB) each time a large mmapped block is freed,
 * so after one decompile output bomb a daemon's next 8-32 MB text buffers come from a heap
 * it never gives back: daemons stayed ~20 % larger after sixteen refused bombs, and came
 * back within 1 % with this fixed threshold (test/web/output-bomb.test.ts). It must be in
 * a process's environment when it starts, so the service's children get it; an explicit
 * setting wins.
 */
export const CHILD_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(256 * 1024) };

/** the whole environment, to hand on to a child process (never read for settings) */
export function environmentForChildren(): NodeJS.ProcessEnv {
  return { ...CHILD_MALLOC_ENV, ...process.env };
}
