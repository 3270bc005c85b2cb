/**
 * One FdoService per server process. It lives on globalThis so that dev-mode module
 * reloads (and Next loading route modules in separate bundles) share it instead of
 * spawning a second set of daemons on the same ports.
 */
import type { FdoService } from '@/lib/service/contract';
import { currentConfig } from '@/lib/config';
import { loadConfig, startService } from '@/server/pool';
import { HttpError } from './http';
import { RETRY_AFTER_SECONDS, SERVICE_START_WAIT_MS } from './limits';
import { logPoolEvent } from './log';

interface Slot {
  promise: Promise<FdoService>;
  service: FdoService | null;
  error: Error | null;
  hooksInstalled: boolean;
  stopping: Promise<void> | null;
}

const KEY = Symbol.for('atomforge.web.service');
type Holder = typeof globalThis & { [KEY]?: Slot };
const holder = globalThis as Holder;

/** Starts the service once per process (later calls share the first start). */
export function startWebService(env?: Record<string, string | undefined>): Promise<FdoService> {
  const existing = holder[KEY];
  if (existing && !existing.stopping) return existing.promise;
  const slot: Slot = { promise: null as unknown as Promise<FdoService>, service: null, error: null, hooksInstalled: false, stopping: null };
  slot.promise = (async () => startService(env ? loadConfig(env) : currentConfig(), { onEvent: logPoolEvent }))().then(
    (service) => {
      slot.service = service;
      return service;
    },
    (err: unknown) => {
      slot.error = err instanceof Error ? err : new Error(String(err));
      throw slot.error;
    },
  );
  // a failed start is reported by the routes; it must not become an unhandled rejection
  slot.promise.catch(() => undefined);
  holder[KEY] = slot;
  installShutdownHooks(slot);
  return slot.promise;
}

/** The running service, or an HttpError 503 when it failed to start or is still starting. */
export async function getService(): Promise<FdoService> {
  const slot = holder[KEY];
  if (slot?.service && !slot.stopping) return slot.service;
  if (slot?.error) throw new HttpError(503, `the FDO service failed to start: ${slot.error.message}`, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  const promise = slot && !slot.stopping ? slot.promise : startWebService();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HttpError(503, 'the FDO service is still starting', { 'Retry-After': String(RETRY_AFTER_SECONDS) })),
      SERVICE_START_WAIT_MS,
    );
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(503, `the FDO service failed to start: ${err instanceof Error ? err.message : String(err)}`, {
      'Retry-After': String(RETRY_AFTER_SECONDS),
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Stops the daemons (idempotent); the next getService() starts a fresh service. */
export function stopWebService(): Promise<void> {
  const slot = holder[KEY];
  if (!slot) return Promise.resolve();
  if (!slot.stopping) {
    slot.stopping = slot.promise
      .then(
        (s) => s.stop(),
        () => undefined,
      )
      .finally(() => {
        slot.service = null;
        if (holder[KEY] === slot) delete holder[KEY];
      });
  }
  return slot.stopping;
}

/** Lets a test run the route handlers against a service it started itself. */
export function useWebService(service: FdoService): void {
  holder[KEY] = { promise: Promise.resolve(service), service, error: null, hooksInstalled: true, stopping: null };
}

function killDaemonsNow(slot: Slot): void {
  // 'exit' handlers cannot wait, so send the signal directly to every daemon we know of
  try {
    for (const d of slot.service?.poolHealth().instances ?? []) {
      if (d.pid) {
        try {
          process.kill(d.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
    }
  } catch {
    /* the service is already torn down */
  }
}

function installShutdownHooks(slot: Slot): void {
  if (slot.hooksInstalled) return;
  slot.hooksInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    const deadline = setTimeout(() => {
      killDaemonsNow(slot);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }, 5000);
    deadline.unref();
    void stopWebService().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  process.once('exit', () => killDaemonsNow(slot));
}
