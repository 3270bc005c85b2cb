/** The service's configuration from the environment. */
export { loadConfig, currentConfig, currentConfigOrNull, ConfigError, DAEMON_HOST, loadWebSettings, loadDecompileLimits } from './env';
export { decompileOutputLimit, decompileLimitsFromEnv, DEFAULT_DECOMPILE_LIMITS } from './decompile-limits';
export type { DecompileLimits } from './decompile-limits';
export { plumbing, environmentForChildren, disableNextTelemetry } from './runtime-env';
export { SETTINGS, settingSpec, defaultText, allowedText } from './schema';
export type { SettingSpec, SettingName, SettingGroup } from './schema';
export type { ServiceConfig, DaemonCommand, WebSettings, AddressRange } from './env';
export { splitCommand, renderCommand, findExecutable } from './command';
