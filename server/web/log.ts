/**
 * The service's log: one JSON object per line on stdout (pino), so operators can grep it
 * and log shippers can parse it. LOG_LEVEL sets the level (default info; "silent" mutes).
 */
import pino from 'pino';
import { currentConfigOrNull } from '@/lib/config';
import type { PoolEvent, PoolEventType } from '@/lib/service/contract';

// an invalid configuration is reported by start-up; the log still needs a level to say so
export const log = pino({ name: 'atomforge', level: currentConfigOrNull()?.logLevel ?? 'info' });

const WARNINGS: ReadonlySet<PoolEventType> = new Set(['crashed', 'restart_failed', 'unhealthy', 'breaker_opened', 'poison_input']);

/** Pool events (crashes, restarts, breaker changes) as log lines; giving up on a daemon is an error. */
export function logPoolEvent(event: PoolEvent): void {
  const fields = { event: event.type, daemon: event.daemon_id ?? undefined };
  if (event.type === 'gave_up') log.error(fields, event.message);
  else if (WARNINGS.has(event.type)) log.warn(fields, event.message);
  else log.info(fields, event.message);
}
