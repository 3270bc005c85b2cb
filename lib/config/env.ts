/**
 * The service's configuration, read from the environment (pool-api.md lists the
 * variables and defaults). Every invalid value stops start-up with one line naming the
 * variable, the value and what is allowed; loadConfig reports all such lines at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';
import { anchorPaths, findExecutable, splitCommand } from './command';
import type { DecompileLimits } from './decompile-limits';
import { settingSpec, type SettingName, type SettingSpec } from './schema';

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
  /** sources at least this large are compiled in parts on several daemons at once; 0: never */
  fanOutBytes: number;
  /** attempts in all a request may make across daemons (FDO_DAEMON_MAX_RETRIES, named so for compatibility, counts attempts) */
  maxAttempts: number;
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
  /** bearer token for the admin routes; null: none set */
  adminToken: string | null;
  logLevel: string;
  /** admin access and request bodies (server/web) */
  webTier: WebSettings;
  /** how much text a decompile may produce (the daemons read the same variables) */
  decompileLimits: DecompileLimits;
  /** the workbench library (read again per request by its routes, so validated here with the rest at start) */
  library: LibraryConfig;
}

type Env = Record<string, string | undefined>;

export const DAEMON_HOST = '127.0.0.1';

/** reads settings by their spec (schema.ts); collects one line per invalid value */
class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: SettingName): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  }

  private spec<T extends SettingSpec['type']>(name: SettingName, type: T): Extract<SettingSpec, { type: T }> {
    const s = settingSpec(name);
    if (!s || s.type !== type) throw new Error(`config: ${name} is not a ${type} setting in lib/config/schema.ts`);
    return s as Extract<SettingSpec, { type: T }>;
  }

  private fail(name: string, value: string, allowed: string): void {
    this.problems.push(`${name}=${JSON.stringify(value)} is invalid: ${allowed}`);
  }

  /** `max` narrows the schema's range where another setting bounds it (the pool size) */
  int(name: SettingName, max?: number, why = ''): number {
    const s = this.spec(name, 'int');
    const hi = max ?? s.max;
    const value = this.raw(name);
    if (value === undefined) return s.default;
    const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < s.min || n > hi) {
      this.fail(name, value, `expected a whole number from ${s.min} to ${hi}${why}`);
      return s.default;
    }
    return n;
  }

  /** seconds in the environment, milliseconds in the config */
  seconds(name: SettingName): number {
    const s = this.spec(name, 'seconds');
    const value = this.raw(name);
    if (value === undefined) return s.default * 1000;
    const exclusive = 'minExclusive' in s && s.minExclusive === true;
    const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : NaN;
    // NaN fails every comparison, so a malformed value lands here too
    if (!(Number.isFinite(n) && n <= s.max && (exclusive ? n > s.min : n >= s.min))) {
      this.fail(name, value, `expected seconds ${exclusive ? 'above' : 'from'} ${s.min}${exclusive ? ' up to' : ' to'} ${s.max}`);
      return s.default * 1000;
    }
    return Math.round(n * 1000);
  }

  bool(name: SettingName): boolean {
    const s = this.spec(name, 'bool');
    const value = this.raw(name);
    if (value === undefined) return s.default;
    const v = value.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    this.fail(name, value, 'expected true or false');
    return s.default;
  }

  text(name: SettingName): string | null {
    const s = this.spec(name, 'text');
    const value = this.raw(name);
    if (value === undefined) return s.default;
    if ('pattern' in s && s.pattern instanceof RegExp && !s.pattern.test(value)) {
      // a secret's value (a password in a URL, a token) is never echoed, not even in an error line
      if ('secret' in s && s.secret) this.problems.push(`${name} is invalid (its value is not shown): expected ${s.allowed ?? 'other text'}`);
      else this.fail(name, value, `expected ${s.allowed ?? 'other text'}`);
      return s.default;
    }
    return value;
  }

  choice(name: SettingName): string {
    const s = this.spec(name, 'choice');
    const value = this.raw(name);
    if (value === undefined) return s.default;
    if (!s.choices.includes(value.toLowerCase())) {
      this.fail(name, value, `expected one of ${s.choices.join(', ')}`);
      return s.default;
    }
    return value.toLowerCase();
  }

  path(name: SettingName): string | undefined {
    this.spec(name, 'path');
    return this.raw(name);
  }

  /** a comma-separated list of IP addresses or CIDR ranges (`127.0.0.0/8`, `::1`), from a text setting */
  addresses(name: SettingName): AddressRange[] {
    const s = this.spec(name, 'text');
    const value = this.raw(name) ?? s.default ?? '';
    const ranges: AddressRange[] = [];
    for (const word of value
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean)) {
      const [address, prefix, extra] = word.split('/');
      const family = isIP(address ?? '');
      const bits = family === 4 ? 32 : 128;
      if (!family || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) || Number(prefix ?? 0) > bits) {
        this.fail(name, value, `"${word}" is not an IP address or CIDR range; expected ${s.allowed ?? 'a list such as 127.0.0.1,10.0.0.0/8,::1'}`);
        return [];
      }
      ranges.push({ address: address!, prefix: prefix === undefined ? bits : Number(prefix), family: family === 4 ? 'ipv4' : 'ipv6' });
    }
    return ranges;
  }

  problem(line: string): void {
    this.problems.push(line);
  }
}

/** reads and validates the configuration; throws ConfigError listing every invalid value */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): ServiceConfig {
  const r = new Reader(env);
  const webPort = r.int('PORT');
  const webHost = r.text('HOST') ?? '0.0.0.0';
  const poolEnabled = r.bool('FDO_DAEMON_POOL_ENABLED');
  const poolMaxSize = r.int('FDO_DAEMON_POOL_MAX_SIZE');
  const poolSize = r.int('FDO_DAEMON_POOL_SIZE', poolMaxSize, ' (at most FDO_DAEMON_POOL_MAX_SIZE)');
  const basePort = r.int('FDO_DAEMON_POOL_BASE_PORT');
  if (poolEnabled && basePort + poolSize - 1 > 65535) {
    r.problem(
      `FDO_DAEMON_POOL_BASE_PORT=${JSON.stringify(String(basePort))} is invalid: with FDO_DAEMON_POOL_SIZE=${poolSize} the daemons would use ports ${basePort}..${basePort + poolSize - 1}, past 65535`,
    );
  }
  const singlePort = r.int('FDO_DAEMON_PORT');
  const healthIntervalMs = r.seconds('FDO_DAEMON_HEALTH_INTERVAL');
  const restartDelayMs = r.seconds('FDO_DAEMON_RESTART_DELAY');
  const maxRestartAttempts = r.int('FDO_DAEMON_MAX_RESTART_ATTEMPTS');
  const stableAfterMs = r.seconds('FDO_DAEMON_STABLE_AFTER');
  const restartBackoffCapMs = r.seconds('FDO_DAEMON_RESTART_BACKOFF_CAP');
  const giveUp = r.bool('FDO_DAEMON_GIVE_UP');
  const hedge = r.bool('FDO_DAEMON_HEDGE');
  const fanOutBytes = r.int('FDO_DAEMON_FAN_OUT_BYTES');
  const maxAttempts = r.int('FDO_DAEMON_MAX_RETRIES');
  const requestTimeoutMs = r.seconds('FDO_DAEMON_REQUEST_TIMEOUT');
  const breakerThreshold = r.int('FDO_DAEMON_CIRCUIT_BREAKER_THRESHOLD');
  const readyTimeoutMs = r.seconds('FDO_DAEMON_READY_TIMEOUT');
  const queueLimit = r.int('FDO_DAEMON_QUEUE_LIMIT');
  const queueTimeoutMs = r.seconds('FDO_DAEMON_QUEUE_TIMEOUT');
  const sampleIntervalMs = r.seconds('FDO_POOL_SAMPLE_INTERVAL');
  const historyRetentionMs = r.seconds('FDO_POOL_HISTORY_RETENTION');
  const adminToken = r.text('ATOMFORGE_ADMIN_TOKEN');
  const logLevel = r.choice('LOG_LEVEL');

  const binDirRaw = r.path('FDO_DAEMON_BIN_DIR');
  let binDir: string | null = null;
  if (binDirRaw !== undefined) {
    const full = path.resolve(cwd, binDirRaw);
    if (!fs.existsSync(full) || !fs.statSync(full).isDirectory())
      r.problem(`FDO_DAEMON_BIN_DIR=${JSON.stringify(binDirRaw)} is invalid: expected an existing folder`);
    else binDir = full;
  }
  const poolRoot = path.resolve(cwd, r.path('FDO_DAEMON_POOL_ROOT') ?? path.join(os.tmpdir(), 'fdo_daemon_pool'));

  let command: DaemonCommand | null = null;
  const template = r.text('FDO_DAEMON_COMMAND') ?? undefined;
  if (template !== undefined) command = parseCommand(template, cwd, binDir, r);

  // the reference exe serves one request at a time, so an external command defaults to 1
  const maxInFlight = r.raw('FDO_DAEMON_MAX_IN_FLIGHT') === undefined && command ? 1 : r.int('FDO_DAEMON_MAX_IN_FLIGHT');
  const homeRaw = r.path('ATOMFORGE_HOME');
  const home = homeRaw !== undefined ? path.resolve(cwd, homeRaw) : null;
  const webTier = readWebSettings(r);
  const decompileLimits = readDecompileLimits(r);
  const library = readLibraryConfig(r, cwd);

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
    fanOutBytes,
    maxAttempts,
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
    adminToken,
    logLevel,
    webTier,
    decompileLimits,
    library,
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

/**
 * The configuration of this process, from its environment as it is now (cheap: no I/O but
 * the checks of FDO_DAEMON_BIN_DIR and FDO_DAEMON_COMMAND). Throws ConfigError when a value
 * is invalid (start-up reports that and stops).
 */
export function currentConfig(): ServiceConfig {
  return loadConfig(process.env);
}

/** the current configuration, or null when it is invalid (for answers that must not fail, like /health) */
export function currentConfigOrNull(): ServiceConfig | null {
  try {
    return currentConfig();
  } catch {
    return null;
  }
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

function readWebSettings(r: Reader): WebSettings {
  return {
    adminToken: r.text('ATOMFORGE_ADMIN_TOKEN'),
    localAddresses: r.addresses('ATOMFORGE_LOCAL_ADDRESSES'),
    trustedProxies: r.addresses('ATOMFORGE_TRUSTED_PROXIES'),
    bodyTimeoutMs: r.seconds('ATOMFORGE_BODY_TIMEOUT'),
  };
}

function readDecompileLimits(r: Reader): DecompileLimits {
  return { maxOutputRatio: r.int('FDO_DECOMPILE_MAX_RATIO'), maxOutputBytes: r.int('FDO_DECOMPILE_MAX_OUTPUT') };
}

/** The web tier's settings alone (loadConfig validates them with the rest). */
export function loadWebSettings(env: Env = process.env): WebSettings {
  const r = new Reader(env);
  const settings = readWebSettings(r);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return settings;
}

/** FDO_DECOMPILE_MAX_RATIO / FDO_DECOMPILE_MAX_OUTPUT, validated (the daemon reads them without the schema: decompile-limits.ts) */
export function loadDecompileLimits(env: Env = process.env): DecompileLimits {
  const r = new Reader(env);
  const limits = readDecompileLimits(r);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return limits;
}

/** The workbench library's settings (issue 10): where it keeps its data and who may change it. */
export interface LibraryConfig {
  /** ATOMFORGE_DATA_DIR (default ./data): the SQLite file lives here; created on start */
  dataDir: string;
  /** DATABASE_URL: PostgreSQL instead of SQLite when set */
  databaseUrl: string | null;
  /** ATOMFORGE_LIBRARY_TOKEN: when set, changing the library needs this bearer token */
  token: string | null;
  /** ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS: deleted forms older than this are purged */
  deletedRetentionDays: number;
}

function readLibraryConfig(r: Reader, cwd: string): LibraryConfig {
  const dataDir = path.resolve(cwd, r.path('ATOMFORGE_DATA_DIR') ?? './data');
  const databaseUrl = r.text('DATABASE_URL');
  const token = r.text('ATOMFORGE_LIBRARY_TOKEN');
  const deletedRetentionDays = r.int('ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS');
  return { dataDir, databaseUrl, token, deletedRetentionDays };
}

export function loadLibraryConfig(env: Env = process.env, cwd = process.cwd()): LibraryConfig {
  const r = new Reader(env);
  const library = readLibraryConfig(r, cwd);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return library;
}
