/** The service's configuration from the environment. */
export { loadConfig, ConfigError, DEFAULTS, DAEMON_HOST } from './env';
export type { ServiceConfig, DaemonCommand } from './env';
export { splitCommand, renderCommand, findExecutable } from './command';
