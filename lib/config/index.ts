/** The service's configuration from the environment. */
export { loadConfig, ConfigError, DEFAULTS, DAEMON_HOST, loadWebSettings, loadDecompileLimits, decompileOutputLimit } from './env';
export type { ServiceConfig, DaemonCommand, WebSettings, AddressRange, DecompileLimits } from './env';
export { splitCommand, renderCommand, findExecutable } from './command';
