/** GET /health when the service itself is not running: still the contract's shape, 503. */
import type { ServiceHealth } from '@/lib/service/contract';
import { currentConfigOrNull } from '@/lib/config';
import { HttpError, json } from './http';

export function errorHealth(err: unknown): Response {
  const poolEnabled = currentConfigOrNull()?.poolEnabled ?? false;
  const body: ServiceHealth & { error: string } = {
    status: 'unhealthy',
    execution_mode: poolEnabled ? 'daemon_pool' : 'daemon',
    pool: { enabled: poolEnabled, size: 0, healthy_instances: 0, health_percentage: 0 },
    error: err instanceof Error ? err.message : String(err),
  };
  return json(body, 503, err instanceof HttpError ? err.headers : {});
}
