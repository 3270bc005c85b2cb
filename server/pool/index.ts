/**
 * The daemon pool as the web app uses it:
 *
 *   const config = loadConfig(env);              // throws ConfigError (one line per bad variable)
 *   const service = await startService(config);  // throws when fewer than half the daemons start
 *   const answer = await service.compile(bytes);
 *   await service.stop();
 */
import { currentConfig, loadConfig, ConfigError, type ServiceConfig } from '../../lib/config';
import type { FdoService, PoolEvent } from '../../lib/service/contract';
import type { Clock } from '../../lib/pool';
import { resolveBuiltinDaemon } from './home';
import { Pool } from './pool';
import { PoolService } from './service';

export { loadConfig, ConfigError };
export type { ServiceConfig };

export interface StartOptions {
  /** called for every pool event as it happens (e.g. to log it) */
  onEvent?: (event: PoolEvent) => void;
  clock?: Clock;
}

/** starts the daemons (one in single mode, FDO_DAEMON_POOL_SIZE in pool mode) and supervises them */
export async function startService(config: ServiceConfig, options: StartOptions = {}): Promise<FdoService> {
  const builtinScript = config.command ? null : resolveBuiltinDaemon(config.home, config.builtinDaemonScript);
  const pool = new Pool(config, { builtinScript, onEvent: options.onEvent, clock: options.clock });
  const service = new PoolService(pool);
  await pool.start();
  return service;
}

/** loadConfig(env) + startService; without `env`, this process's configuration */
export function startServiceFromEnv(env?: Record<string, string | undefined>, options: StartOptions = {}): Promise<FdoService> {
  return startService(env ? loadConfig(env) : currentConfig(), options);
}
