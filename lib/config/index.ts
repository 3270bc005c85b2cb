/** The service's configuration from the environment. */
export { loadConfig, currentConfig, currentConfigOrNull, ConfigError, DAEMON_HOST } from './env';
export { plumbing, environmentForChildren, disableNextTelemetry } from './runtime-env';
export { SETTINGS, settingSpec, defaultText, allowedText } from './schema';
export type { SettingSpec, SettingName, SettingGroup } from './schema';
export type { ServiceConfig, DaemonCommand } from './env';
export { splitCommand, renderCommand, findExecutable } from './command';
