/** The service's configuration from the environment. */
export { loadConfig, ConfigError, DEFAULTS, DAEMON_HOST, loadWebSettings, loadDecompileLimits } from './env';
export { decompileOutputLimit, DEFAULT_DECOMPILE_LIMITS } from './decompile-limits';
export type { ServiceConfig, DaemonCommand, WebSettings, AddressRange } from './env';
export type { DecompileLimits } from './decompile-limits';
export { splitCommand, renderCommand, findExecutable } from './command';
