/**
 * The service's configuration, read from the environment (pool-api.md lists the
 * variables and defaults). Every invalid value stops start-up with one line naming the
 * variable, the value and what is allowed; loadConfig reports all such lines at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { anchorPaths, findExecutable, splitCommand } from './command';
import { DEFAULT_DECOMPILE_LIMITS, type DecompileLimits } from './decompile-limits';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** an external daemon command (FDO_DAEMON_COMMAND); null in ServiceConfig means the built-in daemon */
export interface DaemonCommand {
  template: string;
  /** words of the template, {port}/{host} not yet substituted */
  argv: string[];
}

export interface ServiceConfig {
  web: { port: number; host: string };
  poolEnabled: boolean;
  poolSize: number;
  poolMaxSize: number;
  basePort: number;
  singlePort: number;
  /** daemons listen on loopback only */
  daemonHost: string;
  healthIntervalMs: number;
  restartDelayMs: number;
  maxRestartAttempts: number;
  /** a daemon that has run this long since its last start has its restart budget back */
  stableAfterMs: number;
  /** restarts past maxRestartAttempts back off exponentially up to this */
  restartBackoffCapMs: number;
  /** stop restarting a daemon after maxRestartAttempts crashes in a row (off: back off forever) */
  giveUp: boolean;
  /** send a silent attempt's request to a second daemon as well (lib/pool/hedge.ts) */
  hedge: boolean;
  maxRetries: number;
  requestTimeoutMs: number;
  breakerThreshold: number;
  readyTimeoutMs: number;
  /** requests one daemon is given at a time */
  maxInFlight: number;
  /** requests that may wait for a free daemon */
  queueLimit: number;
  /** how long a request may wait for a free daemon before it gets 503 */
  queueTimeoutMs: number;
  /** time-series sampling */
  sampleIntervalMs: number;
  historyRetentionMs: number;
  command: DaemonCommand | null;
  binDir: string | null;
  poolRoot: string;
  /** where dist/daemon.js is looked for (ATOMFORGE_HOME, else the current folder) */
  home: string | null;
  /** overrides the built-in daemon's script (tests, unusual layouts) */
  builtinDaemonScript: string | null;
}

type Env = Record<string, string | undefined>;

export const DAEMON_HOST = '127.0.0.1';

/** every variable with its default, as documented in docs/POOL.md */
export const DEFAULTS = {
  PORT: '8000',
  HOST: '0.0.0.0',
  FDO_DAEMON_POOL_ENABLED: 'false',
  FDO_DAEMON_POOL_SIZE: '5',
  FDO_DAEMON_POOL_MAX_SIZE: '20',
  FDO_DAEMON_POOL_BASE_PORT: '8080',
  FDO_DAEMON_PORT: '8080',
  FDO_DAEMON_HEALTH_INTERVAL: '10.0',
  FDO_DAEMON_RESTART_DELAY: '2.0',
  FDO_DAEMON_MAX_RESTART_ATTEMPTS: '5',
  FDO_DAEMON_STABLE_AFTER: '60',
  FDO_DAEMON_RESTART_BACKOFF_CAP: '60',
  FDO_DAEMON_GIVE_UP: 'false',
  FDO_DAEMON_HEDGE: 'true',
  FDO_DAEMON_MAX_RETRIES: '3',
  FDO_DAEMON_REQUEST_TIMEOUT: '10.0',
  FDO_DAEMON_CIRCUIT_BREAKER_THRESHOLD: '3',
  FDO_DAEMON_READY_TIMEOUT: '30',
  FDO_DAEMON_MAX_IN_FLIGHT: '32 (built-in daemon) / 1 (FDO_DAEMON_COMMAND)',
  FDO_DAEMON_QUEUE_LIMIT: '256',
  FDO_DAEMON_QUEUE_TIMEOUT: '1.0',
  FDO_POOL_SAMPLE_INTERVAL: '5',
  FDO_POOL_HISTORY_RETENTION: '900',
  ATOMFORGE_LOCAL_ADDRESSES: '127.0.0.0/8,::1',
  ATOMFORGE_TRUSTED_PROXIES: '(none)',
  ATOMFORGE_BODY_TIMEOUT: '30',
  FDO_DECOMPILE_MAX_RATIO: '256',
  FDO_DECOMPILE_MAX_OUTPUT: '64mb',
} as const;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  private fail(name: string, value: string, allowed: string): void {
    this.problems.push(`${name}=${JSON.stringify(value)} is invalid: ${allowed}`);
  }

  int(name: string, fallback: number, min: number, max: number, why = ''): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = z.coerce.number().int().min(min).max(max).safeParse(/^[+-]?\d+$/.test(value) ? value : NaN);
    if (!parsed.success) {
      this.fail(name, value, `expected a whole number from ${min} to ${max}${why}`);
      return fallback;
    }
    return parsed.data;
  }

  /** seconds in the environment, milliseconds in the config */
  seconds(name: string, fallbackSeconds: number, min: number, max: number, minExclusive = false): number {
    const value = this.raw(name);
    if (value === undefined) return fallbackSeconds * 1000;
    let schema = z.number().max(max);
    schema = minExclusive ? schema.gt(min) : schema.min(min);
    const parsed = schema.safeParse(/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : NaN);
    if (!parsed.success) {
      this.fail(name, value, `expected seconds ${minExclusive ? 'above' : 'from'} ${min}${minExclusive ? ' up to' : ' to'} ${max}`);
      return fallbackSeconds * 1000;
    }
    return Math.round(parsed.data * 1000);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const v = value.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    this.fail(name, value, 'expected true or false');
    return fallback;
  }

  /** a comma-separated list of IP addresses or CIDR ranges (`127.0.0.0/8`, `::1`) */
  addresses(name: string, fallback: string): AddressRange[] {
    const value = this.raw(name) ?? fallback;
    const ranges: AddressRange[] = [];
    for (const word of value.split(',').map((w) => w.trim()).filter(Boolean)) {
      const range = z
        .string()
        .transform((w, ctx): AddressRange => {
          const [address, prefix, extra] = w.split('/');
          const family = isIP(address ?? '');
          const bits = family === 4 ? 32 : 128;
          if (!family || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) || Number(prefix ?? 0) > bits) {
            ctx.addIssue({ code: 'custom', message: 'bad address' });
            return z.NEVER;
          }
          return { address: address!, prefix: prefix === undefined ? bits : Number(prefix), family: family === 4 ? 'ipv4' : 'ipv6' };
        })
        .safeParse(word);
      if (!range.success) {
        this.fail(name, value, `"${word}" is not an IP address or CIDR range; expected a comma-separated list such as 127.0.0.1,10.0.0.0/8,::1`);
        return this.addresses('', fallback);
      }
      ranges.push(range.data);
    }
    return ranges;
  }

  /** a byte count: 1048576, 512kb, 64mb */
  bytes(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const m = /^(\d+)(b|kb|k|mb|m)?$/i.exec(value);
    const n = m ? Number(m[1]) * ({ b: 1, k: 1024, kb: 1024, m: 1 << 20, mb: 1 << 20 } as Record<string, number>)[(m[2] ?? 'b').toLowerCase()]! : NaN;
    const parsed = z.number().int().min(min).max(max).safeParse(n);
    if (!parsed.success) {
      this.fail(name, value, `expected a byte count from ${min} to ${max}, such as 67108864 or 64mb`);
      return fallback;
    }
    return parsed.data;
  }

  problem(line: string): void {
    this.problems.push(line);
  }
}

/** reads and validates the configuration; throws ConfigError listing every invalid value */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): ServiceConfig {
  const r = new Reader(env);
  const webPort = r.int('PORT', 8000, 1, 65535);
  const webHost = r.raw('HOST') ?? '0.0.0.0';
  const poolEnabled = r.bool('FDO_DAEMON_POOL_ENABLED', false);
  const poolMaxSize = r.int('FDO_DAEMON_POOL_MAX_SIZE', 20, 1, 1000);
  const poolSize = r.int('FDO_DAEMON_POOL_SIZE', 5, 1, poolMaxSize, ' (at most FDO_DAEMON_POOL_MAX_SIZE)');
  const basePort = r.int('FDO_DAEMON_POOL_BASE_PORT', 8080, 1, 65535);
  if (poolEnabled && basePort + poolSize - 1 > 65535) {
    r.problem(
      `FDO_DAEMON_POOL_BASE_PORT=${JSON.stringify(String(basePort))} is invalid: with FDO_DAEMON_POOL_SIZE=${poolSize} the daemons would use ports ${basePort}..${basePort + poolSize - 1}, past 65535`,
    );
  }
  const singlePort = r.int('FDO_DAEMON_PORT', 8080, 1, 65535);
  const healthIntervalMs = r.seconds('FDO_DAEMON_HEALTH_INTERVAL', 10, 0, 3600, true);
  const restartDelayMs = r.seconds('FDO_DAEMON_RESTART_DELAY', 2, 0, 3600);
  const maxRestartAttempts = r.int('FDO_DAEMON_MAX_RESTART_ATTEMPTS', 5, 0, 1000);
  const stableAfterMs = r.seconds('FDO_DAEMON_STABLE_AFTER', 60, 0, 86400);
  const restartBackoffCapMs = r.seconds('FDO_DAEMON_RESTART_BACKOFF_CAP', 60, 0, 3600);
  const giveUp = r.bool('FDO_DAEMON_GIVE_UP', false);
  const hedge = r.bool('FDO_DAEMON_HEDGE', true);
  const maxRetries = r.int('FDO_DAEMON_MAX_RETRIES', 3, 1, 20);
  const requestTimeoutMs = r.seconds('FDO_DAEMON_REQUEST_TIMEOUT', 10, 0, 3600, true);
  const breakerThreshold = r.int('FDO_DAEMON_CIRCUIT_BREAKER_THRESHOLD', 3, 1, 1000);
  const readyTimeoutMs = r.seconds('FDO_DAEMON_READY_TIMEOUT', 30, 0, 3600, true);
  const queueLimit = r.int('FDO_DAEMON_QUEUE_LIMIT', 256, 0, 100_000);
  const queueTimeoutMs = r.seconds('FDO_DAEMON_QUEUE_TIMEOUT', 1, 0, 60);
  const sampleIntervalMs = r.seconds('FDO_POOL_SAMPLE_INTERVAL', 5, 0, 3600, true);
  const historyRetentionMs = r.seconds('FDO_POOL_HISTORY_RETENTION', 900, 0, 86400, true);

  const binDirRaw = r.raw('FDO_DAEMON_BIN_DIR');
  let binDir: string | null = null;
  if (binDirRaw !== undefined) {
    const full = path.resolve(cwd, binDirRaw);
    if (!fs.existsSync(full) || !fs.statSync(full).isDirectory()) r.problem(`FDO_DAEMON_BIN_DIR=${JSON.stringify(binDirRaw)} is invalid: expected an existing folder`);
    else binDir = full;
  }
  const poolRoot = path.resolve(cwd, r.raw('FDO_DAEMON_POOL_ROOT') ?? path.join(os.tmpdir(), 'fdo_daemon_pool'));

  let command: DaemonCommand | null = null;
  const template = r.raw('FDO_DAEMON_COMMAND');
  if (template !== undefined) command = parseCommand(template, cwd, binDir, r);

  const maxInFlight = r.int('FDO_DAEMON_MAX_IN_FLIGHT', command ? 1 : 32, 1, 10_000);
  const homeRaw = r.raw('ATOMFORGE_HOME');
  const home = homeRaw !== undefined ? path.resolve(cwd, homeRaw) : null;

  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return {
    web: { port: webPort, host: webHost },
    poolEnabled,
    poolSize,
    poolMaxSize,
    basePort,
    singlePort,
    daemonHost: DAEMON_HOST,
    healthIntervalMs,
    restartDelayMs,
    maxRestartAttempts,
    stableAfterMs,
    restartBackoffCapMs,
    giveUp,
    hedge,
    maxRetries,
    requestTimeoutMs,
    breakerThreshold,
    readyTimeoutMs,
    maxInFlight,
    queueLimit,
    queueTimeoutMs,
    sampleIntervalMs,
    historyRetentionMs,
    command,
    binDir,
    poolRoot,
    home,
    builtinDaemonScript: null,
  };
}

function parseCommand(template: string, cwd: string, binDir: string | null, r: Reader): DaemonCommand | null {
  const name = 'FDO_DAEMON_COMMAND';
  let words: string[];
  try {
    words = splitCommand(template);
  } catch (err) {
    r.problem(`${name}=${JSON.stringify(template)} is invalid: ${(err as Error).message}`);
    return null;
  }
  if (words.length === 0) {
    r.problem(`${name}=${JSON.stringify(template)} is invalid: expected a command`);
    return null;
  }
  if (!words.some((w) => w.includes('{port}'))) {
    r.problem(`${name}=${JSON.stringify(template)} is invalid: expected {port} in the template (each daemon listens on its own port)`);
    return null;
  }
  const argv = anchorPaths(words, cwd, binDir);
  const exe = argv[0]!;
  const found = (binDir && exe.includes('/') && !path.isAbsolute(exe) ? findExecutable(exe, binDir) : null) ?? findExecutable(exe, cwd);
  if (!found) {
    r.problem(
      `${name}=${JSON.stringify(template)} is invalid: executable ${JSON.stringify(words[0])} not found${exe.includes('/') ? ' or not executable' : ' in PATH'}`,
    );
    return null;
  }
  return { template, argv };
}

/** One entry of an address list: an address and how many leading bits must match. */
export interface AddressRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** The web tier's own settings (admin access, request bodies); read once per process by server/web/settings.ts. */
export interface WebSettings {
  /** ATOMFORGE_ADMIN_TOKEN: when set, admin routes need `Authorization: Bearer <token>` from any client */
  adminToken: string | null;
  /** ATOMFORGE_LOCAL_ADDRESSES: without a token, admin routes answer only clients from these addresses */
  localAddresses: AddressRange[];
  /** ATOMFORGE_TRUSTED_PROXIES: peers whose X-Forwarded-For is believed; none by default */
  trustedProxies: AddressRange[];
  /** ATOMFORGE_BODY_TIMEOUT: a request body must arrive in full within this time, else 408 */
  bodyTimeoutMs: number;
}

export function loadWebSettings(env: Env = process.env): WebSettings {
  const r = new Reader(env);
  const settings: WebSettings = {
    // not trimmed away: a token of spaces is still a token the operator chose; empty means unset
    adminToken: env.ATOMFORGE_ADMIN_TOKEN ? env.ATOMFORGE_ADMIN_TOKEN : null,
    localAddresses: r.addresses('ATOMFORGE_LOCAL_ADDRESSES', DEFAULTS.ATOMFORGE_LOCAL_ADDRESSES),
    trustedProxies: r.addresses('ATOMFORGE_TRUSTED_PROXIES', ''),
    bodyTimeoutMs: r.seconds('ATOMFORGE_BODY_TIMEOUT', 30, 0, 3600, true),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return settings;
}

export function loadDecompileLimits(env: Env = process.env): DecompileLimits {
  const r = new Reader(env);
  const limits: DecompileLimits = {
    maxOutputRatio: r.int('FDO_DECOMPILE_MAX_RATIO', DEFAULT_DECOMPILE_LIMITS.maxOutputRatio, 1, 1_000_000),
    maxOutputBytes: r.bytes('FDO_DECOMPILE_MAX_OUTPUT', DEFAULT_DECOMPILE_LIMITS.maxOutputBytes, 1024, 1 << 30),
  };
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return limits;
}
