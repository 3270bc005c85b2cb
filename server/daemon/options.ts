import { decompileLimitsFromEnv, DEFAULT_DECOMPILE_LIMITS, type DecompileLimits } from '@/lib/config/decompile-limits';

/**
 * The daemon's command line: the reference's flags (`--port`, `--host`, `--threads`,
 * `--quiet`, `--verbose`) plus our limits. Pure, so it is unit-tested without a process.
 */

export interface DaemonOptions {
  port: number;
  host: string;
  /** worker threads for large requests (the reference's --threads sized its own pool) */
  threads: number;
  quiet: boolean;
  verbose: boolean;
  /** largest request body accepted; beyond it 413 */
  maxBodyBytes: number;
  /** per-request time limit, from the request's arrival to its answer */
  requestTimeoutMs: number;
  /** bodies larger than this are run in a worker thread so the daemon keeps answering */
  offloadBytes: number;
  /** a decompile may produce at most this many times its input in text (at least 1 MiB) ... */
  maxOutputRatio: number;
  /** ... and never more than this; past either, 422 'Output Too Large' */
  maxOutputBytes: number;
}

export const DEFAULTS: DaemonOptions = {
  port: 8080,
  host: '127.0.0.1',
  threads: 1,
  quiet: false,
  verbose: false,
  maxBodyBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 10_000,
  offloadBytes: 256 * 1024,
  ...DEFAULT_DECOMPILE_LIMITS,
};

export const USAGE = `usage: daemon --port N [--host 127.0.0.1] [--threads N] [--quiet] [--verbose]
              [--max-body BYTES] [--request-timeout MS] [--offload-bytes BYTES]
              [--max-output-ratio N] [--max-output BYTES]

  --port N              TCP port (0 picks a free one; the ready line names it)
  --host H              address to listen on (default 127.0.0.1)
  --threads N           worker threads for large requests, 1..16 (default 1)
  --max-body BYTES      largest request body, e.g. 16777216, 16mb, 512kb (default 16mb)
  --request-timeout MS  time limit per request (default 10000)
  --offload-bytes BYTES bodies above this run in a worker thread (default 256kb;
                        decompile bodies above an eighth of it: their text may be far larger)
  --max-output-ratio N  decompiled text may be N times the input, at least 1mb
                        (default 256, or FDO_DECOMPILE_MAX_RATIO)
  --max-output BYTES    and at most this much (default 64mb, or FDO_DECOMPILE_MAX_OUTPUT)
  --quiet | --verbose   less or more logging on stderr`;

export class UsageError extends Error {}

const SIZE = /^(\d+)(b|kb|k|mb|m)?$/i;
const MULT: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 * 1024, mb: 1024 * 1024 };

function size(flag: string, v: string): number {
  const m = SIZE.exec(v.trim());
  if (!m) throw new UsageError(`${flag} expects a byte count such as 16777216 or 16mb, got "${v}"`);
  const n = Number(m[1]) * MULT[(m[2] ?? 'b').toLowerCase()]!;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} is too large`);
  return n;
}

function int(flag: string, v: string, min: number, max: number): number {
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`${flag} expects a whole number, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/**
 * The output limits' defaults from the environment (FDO_DECOMPILE_MAX_RATIO /
 * FDO_DECOMPILE_MAX_OUTPUT: the pool's daemons inherit the service's); a bad one is a usage error.
 */
export function outputDefaultsFromEnv(env?: Record<string, string | undefined>): DecompileLimits {
  try {
    return decompileLimitsFromEnv(env);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Parses argv (without node and the script); throws UsageError on a bad flag. `outputDefaults` are the limits without flags. */
export function parseOptions(argv: readonly string[], outputDefaults: DecompileLimits = DEFAULT_DECOMPILE_LIMITS): DaemonOptions & { help: boolean } {
  const o = { ...DEFAULTS, ...outputDefaults, help: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = (): string => {
      if (value !== undefined) return value;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--port':
        o.port = int(arg, next(), 0, 65535);
        break;
      case '--host': {
        const h = next().trim();
        if (!h) throw new UsageError('--host needs an address');
        o.host = h;
        break;
      }
      case '--threads':
        o.threads = int(arg, next(), 1, 16);
        break;
      case '--quiet':
        o.quiet = true;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--max-body':
        o.maxBodyBytes = size(arg, next());
        break;
      case '--request-timeout':
        o.requestTimeoutMs = int(arg, next(), 1, 24 * 3600 * 1000);
        break;
      case '--offload-bytes':
        o.offloadBytes = size(arg, next());
        break;
      case '--max-output-ratio':
        o.maxOutputRatio = int(arg, next(), 1, 1_000_000);
        break;
      case '--max-output':
        o.maxOutputBytes = size(arg, next());
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new UsageError(`unknown argument "${argv[i]}"`);
    }
  }
  if (o.maxBodyBytes < 1) throw new UsageError('--max-body must be at least 1 byte');
  return o;
}
