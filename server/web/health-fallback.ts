/** GET /health when the service itself is not running: still the contract's shape, 503. */
import type { ServiceHealth } from '@/lib/service/contract';
import { HttpError, json } from './http';

export function errorHealth(err: unknown): Response {
  const body: ServiceHealth & { error: string } = {
    status: 'unhealthy',
    execution_mode: process.env.FDO_DAEMON_POOL_ENABLED === 'true' ? 'daemon_pool' : 'daemon',
    pool: { enabled: process.env.FDO_DAEMON_POOL_ENABLED === 'true', size: 0, healthy_instances: 0, health_percentage: 0 },
    error: err instanceof Error ? err.message : String(err),
  };
  return json(body, 503, err instanceof HttpError ? err.headers : {});
}
