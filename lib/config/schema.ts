/**
 * Every setting of the service, once: its environment variable, type, default, allowed
 * range and description. The loader (env.ts) reads the environment through this list and
 * nothing else reads it; the configuration tables of README.md and docs/POOL.md are
 * generated from it (`npm run gen:config-docs`, checked by test/config/docs.test.ts).
 */

export type SettingGroup = 'web' | 'pool' | 'daemon' | 'admin' | 'library' | 'log';

interface Base {
  name: string;
  group: SettingGroup;
  description: string;
  /** the README shows it (every setting is in POOL.md's full table) */
  inReadme?: boolean;
}

export type SettingSpec = Base &
  (
    | { type: 'int'; default: number; min: number; max: number; unit?: string }
    | { type: 'seconds'; default: number; min: number; max: number; minExclusive?: boolean }
    | { type: 'bool'; default: boolean }
    | { type: 'text'; default: string | null; secret?: boolean; pattern?: RegExp; allowed?: string }
    | { type: 'choice'; default: string; choices: readonly string[] }
    | { type: 'path'; default: string | null; defaultText?: string }
  );

const KIB = 1024;
const MIB = 1024 * KIB;

export const SETTINGS = [
  // the web app
  { name: 'PORT', group: 'web', type: 'int', default: 8000, min: 1, max: 65535, description: 'port the web app listens on', inReadme: true },
  { name: 'HOST', group: 'web', type: 'text', default: '0.0.0.0', allowed: 'an address', description: 'address the web app listens on', inReadme: true },
  // the pool
  { name: 'FDO_DAEMON_POOL_ENABLED', group: 'pool', type: 'bool', default: false, description: '`true`: pool mode; `false`: one daemon', inReadme: true },
  {
    name: 'FDO_DAEMON_POOL_SIZE',
    group: 'pool',
    type: 'int',
    default: 5,
    min: 1,
    max: 1000,
    description: 'daemons in the pool (at most `FDO_DAEMON_POOL_MAX_SIZE`)',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_POOL_MAX_SIZE',
    group: 'pool',
    type: 'int',
    default: 20,
    min: 1,
    max: 1000,
    description: 'upper bound for the pool size (also for resize)',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_POOL_BASE_PORT',
    group: 'pool',
    type: 'int',
    default: 8080,
    min: 1,
    max: 65535,
    description: 'daemon i listens on BASE_PORT + i (the last must be ≤ 65535)',
    inReadme: true,
  },
  { name: 'FDO_DAEMON_PORT', group: 'pool', type: 'int', default: 8080, min: 1, max: 65535, description: "the daemon's port in single mode", inReadme: true },
  {
    name: 'FDO_DAEMON_HEALTH_INTERVAL',
    group: 'pool',
    type: 'seconds',
    default: 10,
    min: 0,
    max: 3600,
    minExclusive: true,
    description: 'seconds between health checks',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_RESTART_DELAY',
    group: 'pool',
    type: 'seconds',
    default: 2,
    min: 0,
    max: 3600,
    description: 'seconds before a crashed daemon is restarted',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_MAX_RESTART_ATTEMPTS',
    group: 'pool',
    type: 'int',
    default: 5,
    min: 0,
    max: 1000,
    description: 'quick restarts in a row; later ones back off exponentially',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_RESTART_BACKOFF_CAP',
    group: 'pool',
    type: 'seconds',
    default: 60,
    min: 0,
    max: 3600,
    description: 'the longest wait between restarts of a crash-looping daemon',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_GIVE_UP',
    group: 'pool',
    type: 'bool',
    default: false,
    description: '`true`: stop restarting a daemon after `MAX_RESTART_ATTEMPTS + 1` crashes in a row',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_STABLE_AFTER',
    group: 'pool',
    type: 'seconds',
    default: 60,
    min: 0,
    max: 86400,
    description: "seconds of uptime that forgive a daemon's crashes in a row",
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_MAX_RETRIES',
    group: 'pool',
    type: 'int',
    default: 3,
    min: 1,
    max: 20,
    description: 'attempts a request may make across daemons',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_REQUEST_TIMEOUT',
    group: 'pool',
    type: 'seconds',
    default: 10,
    min: 0,
    max: 3600,
    minExclusive: true,
    description: 'seconds per attempt (and per health check)',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_CIRCUIT_BREAKER_THRESHOLD',
    group: 'pool',
    type: 'int',
    default: 3,
    min: 1,
    max: 1000,
    description: "consecutive failures that open a daemon's breaker",
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_READY_TIMEOUT',
    group: 'pool',
    type: 'seconds',
    default: 30,
    min: 0,
    max: 3600,
    minExclusive: true,
    description: 'seconds a starting daemon may take to become ready (Wine is slow)',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_MAX_IN_FLIGHT',
    group: 'pool',
    type: 'int',
    default: 32,
    min: 1,
    max: 10_000,
    description: 'requests one daemon is given at once (default 32 for the built-in daemon, 1 with `FDO_DAEMON_COMMAND`: the reference serves one at a time)',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_QUEUE_LIMIT',
    group: 'pool',
    type: 'int',
    default: 256,
    min: 0,
    max: 100_000,
    description: 'requests that may wait when every daemon is busy; then 503 with `Retry-After`',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_QUEUE_TIMEOUT',
    group: 'pool',
    type: 'seconds',
    default: 1,
    min: 0,
    max: 60,
    description: 'the longest wait for a free daemon before 503',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_HEDGE',
    group: 'pool',
    type: 'bool',
    default: true,
    description: 'send a request that a daemon leaves unanswered far past its usual latency to a second daemon too',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_FAN_OUT_BYTES',
    group: 'pool',
    type: 'int',
    default: 256 * KIB,
    min: 0,
    max: 1024 * MIB,
    unit: 'bytes',
    description: 'compile sources at least this large in parts on several daemons at once (same bytes); `0`: never',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_COMMAND',
    group: 'daemon',
    type: 'text',
    default: null,
    allowed: 'a command with `{port}`',
    description: 'command template for one daemon; `{port}` and `{host}` are substituted (default: the built-in daemon)',
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_BIN_DIR',
    group: 'daemon',
    type: 'path',
    default: null,
    description: "folder whose files are linked into each daemon's working folder (the exe and its DLLs)",
    inReadme: true,
  },
  {
    name: 'FDO_DAEMON_POOL_ROOT',
    group: 'daemon',
    type: 'path',
    default: null,
    defaultText: '<tmpdir>/fdo_daemon_pool',
    description: "parent of each service's own folder `run-<pid>-<tag>` (holding `daemon_0`, `daemon_1`, …; removed on stop)",
    inReadme: true,
  },
  {
    name: 'ATOMFORGE_HOME',
    group: 'daemon',
    type: 'path',
    default: null,
    description: 'folder holding `dist/daemon.js` and the build, when not the current folder',
    inReadme: true,
  },
  // the dashboard's time series
  {
    name: 'FDO_POOL_SAMPLE_INTERVAL',
    group: 'pool',
    type: 'seconds',
    default: 5,
    min: 0,
    max: 3600,
    minExclusive: true,
    description: 'seconds between chart samples',
    inReadme: true,
  },
  {
    name: 'FDO_POOL_HISTORY_RETENTION',
    group: 'pool',
    type: 'seconds',
    default: 900,
    min: 0,
    max: 86400,
    minExclusive: true,
    description: 'seconds of chart samples kept',
    inReadme: true,
  },
  // operators
  {
    name: 'ATOMFORGE_ADMIN_TOKEN',
    group: 'admin',
    type: 'text',
    default: null,
    secret: true,
    allowed: 'any text',
    description:
      'bearer token for the admin routes (breaker reset, restart, resize, rolling restart), needed from every client; unset, they answer only clients from `ATOMFORGE_LOCAL_ADDRESSES`',
    inReadme: true,
  },
  {
    name: 'ATOMFORGE_LOCAL_ADDRESSES',
    group: 'admin',
    type: 'text',
    default: '127.0.0.0/8,::1',
    allowed: 'comma-separated IP addresses and CIDR ranges',
    description:
      'without `ATOMFORGE_ADMIN_TOKEN`, the admin routes answer only clients from these addresses (by the socket); narrow it (e.g. `127.0.0.1`) to allow fewer',
    inReadme: true,
  },
  {
    name: 'ATOMFORGE_TRUSTED_PROXIES',
    group: 'admin',
    type: 'text',
    default: null,
    allowed: 'comma-separated IP addresses and CIDR ranges',
    description: 'peers whose `X-Forwarded-For` (and `X-Forwarded-Host`) name the real client; from anyone else they are ignored',
    inReadme: true,
  },
  {
    name: 'ATOMFORGE_BODY_TIMEOUT',
    group: 'web',
    type: 'seconds',
    default: 30,
    min: 0,
    max: 3600,
    minExclusive: true,
    description: 'seconds a request body may take to arrive in full; then 408 and the connection is closed',
    inReadme: true,
  },
  {
    name: 'FDO_DECOMPILE_MAX_RATIO',
    group: 'daemon',
    type: 'int',
    default: 256,
    min: 1,
    max: 1_000_000,
    description: 'decompiled text may be this many times the binary (never less than 1 MiB; the corpus peaks at 84x)',
    inReadme: true,
  },
  {
    name: 'FDO_DECOMPILE_MAX_OUTPUT',
    group: 'daemon',
    type: 'int',
    default: 64 * MIB,
    min: 1024,
    max: 1024 * MIB,
    unit: 'bytes',
    description: 'and never more than this many bytes; past either limit a decompile answers 422 `Output Too Large`, stopped while the text is written',
    inReadme: true,
  },
  // the workbench library
  {
    name: 'ATOMFORGE_DATA_DIR',
    group: 'library',
    type: 'path',
    default: null,
    defaultText: './data',
    description: "the workbench library's folder (SQLite `library.sqlite`, WAL); created on start",
    inReadme: true,
  },
  {
    name: 'DATABASE_URL',
    group: 'library',
    type: 'text',
    default: null,
    secret: true,
    pattern: /^postgres(ql)?:\/\/\S+$/,
    allowed: 'postgres://user:password@host:port/database',
    description: 'keep the library in PostgreSQL instead (several replicas share it)',
    inReadme: true,
  },
  {
    name: 'ATOMFORGE_LIBRARY_TOKEN',
    group: 'library',
    type: 'text',
    default: null,
    secret: true,
    allowed: 'any text',
    description:
      'when set, changing the library (`/files` writes, undelete, import) needs this bearer token; the playground asks for it on the first change and keeps it for the tab',
    inReadme: true,
  },
  {
    name: 'ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS',
    group: 'library',
    type: 'int',
    default: 30,
    min: 1,
    max: 36500,
    unit: 'days',
    description:
      'a deleted form (with its versions) can be brought back (`POST /files/{id}/undelete`) for this long; older ones are purged at start and on the next delete',
    inReadme: true,
  },
  {
    name: 'LOG_LEVEL',
    group: 'log',
    type: 'choice',
    default: 'info',
    choices: ['debug', 'info', 'warn', 'error', 'silent'],
    description: 'level of the JSON log on standard output',
    inReadme: true,
  },
] as const satisfies readonly SettingSpec[];

export type SettingName = (typeof SETTINGS)[number]['name'];

export function settingSpec(name: string): SettingSpec | undefined {
  return (SETTINGS as readonly SettingSpec[]).find((s) => s.name === name);
}

/** the default as the tables show it */
export function defaultText(s: SettingSpec): string {
  switch (s.type) {
    case 'seconds':
      return `\`${Number.isInteger(s.default) ? s.default.toFixed(1) : s.default}\``;
    case 'path':
      return s.defaultText ? `\`${s.defaultText}\`` : 'unset';
    case 'text':
      return s.default === null ? 'unset' : `\`${s.default}\``;
    default:
      return `\`${String(s.default)}\``;
  }
}

/** what values are allowed, as the tables and error lines say it */
export function allowedText(s: SettingSpec): string {
  switch (s.type) {
    case 'int':
      return `${s.min}..${s.max}${s.unit ? ` ${s.unit}` : ''}`;
    case 'seconds':
      return `seconds ${s.minExclusive ? '>' : '≥'} ${s.min}, ≤ ${s.max}`;
    case 'bool':
      return 'true/false (also 1/0, yes/no, on/off)';
    case 'choice':
      return s.choices.map((c) => `\`${c}\``).join(', ');
    case 'path':
      return 'a path';
    case 'text':
      return s.allowed ?? 'text';
  }
}
