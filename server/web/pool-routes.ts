/** The operators' routes: health, pool state, breakers, restarts, metrics, dashboard data. */
import type { FdoService, HistoryPoint, PoolEvent, PoolHealthReport, ServiceHealth } from '@/lib/service/contract';
import { adminAccess, requireAdmin, type AdminAccess } from './auth';
import { readBody, webChunks } from './body';
import { HttpError, json, parseJsonObject } from './http';
import { JsonShapeScan } from './json-scan';
import { webSettings } from './settings';

/** An admin request's body: a small JSON object (`{}` or empty when the action takes no arguments). */
const ADMIN_BODY_LIMIT = 4096;

/** Checks who is asking (auth.ts), then reads the body as a small JSON object. */
async function adminBody(request: Request): Promise<Record<string, unknown>> {
  requireAdmin(request);
  const scan = new JsonShapeScan();
  const bytes = await readBody(webChunks(request), { limit: ADMIN_BODY_LIMIT, timeoutMs: webSettings().bodyTimeoutMs, inspect: (c) => scan.feed(c) });
  if (bytes.byteLength === 0 || /^\s*$/.test(Buffer.from(bytes).toString('latin1'))) return {};
  return parseJsonObject(bytes);
}

export function handleHealth(service: FdoService): Response {
  const health = service.health();
  return json(health, health.status === 'unhealthy' ? 503 : 200);
}

export function handlePoolHealth(service: FdoService): Response {
  return json(service.poolHealth());
}

export async function handleResetBreakers(service: FdoService, request: Request): Promise<Response> {
  await adminBody(request);
  const n = service.resetCircuitBreakers();
  return json({ success: true, circuit_breakers_reset: n, message: `Reset circuit breakers for ${n} instance(s)` });
}

export async function handleRestartDaemon(service: FdoService, request: Request, id: string): Promise<Response> {
  await adminBody(request);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new HttpError(400, `"${id.slice(0, 64)}" is not a daemon id (they look like daemon_0)`);
  const ok = await service.restartDaemon(id);
  if (!ok) throw new HttpError(404, `no daemon has the id "${id}"`);
  return json({ success: true, daemon_id: id, message: `Restarted ${id}` });
}

/** `{"size": n}`: grows or shrinks the pool while it serves (pool mode only). */
export async function handleResize(service: FdoService, request: Request): Promise<Response> {
  const size = (await adminBody(request)).size;
  if (size === undefined) throw new HttpError(400, 'send a JSON body like {"size": 5}');
  if (typeof size !== 'number' || !Number.isInteger(size)) throw new HttpError(400, '"size" must be a whole number, like {"size": 5}');
  if (service.mode !== 'daemon_pool') throw new HttpError(409, 'resizing needs pool mode: start the service with FDO_DAEMON_POOL_ENABLED=true');
  try {
    await service.resize(size);
  } catch (err) {
    // the pool says which sizes are allowed (1..FDO_DAEMON_POOL_MAX_SIZE, ports in range)
    if (err instanceof RangeError) throw new HttpError(400, err.message);
    throw err;
  }
  return json({ success: true, pool_size: service.poolHealth().pool_size, message: `Pool resized to ${size} daemon(s)` });
}

/** Restarts every daemon in turn; the others keep serving, so no request is lost. */
export async function handleRollingRestart(service: FdoService, request: Request): Promise<Response> {
  await adminBody(request);
  const ids = service.poolHealth().instances.map((d) => d.id);
  await service.rollingRestart();
  return json({ success: true, restarted: ids, message: `Restarted ${ids.length} daemon(s) one at a time` });
}

export async function handleMetrics(service: FdoService): Promise<Response> {
  return new Response(await service.metrics(), {
    status: 200,
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** `?since=<unix seconds>`, else the last 15 minutes. */
function sinceParam(request: Request): number | undefined {
  const raw = new URL(request.url).searchParams.get('since');
  if (raw === null) return undefined;
  const since = Number(raw);
  if (!Number.isFinite(since) || since < 0) throw new HttpError(400, `"since" must be a Unix time in seconds, got "${raw.slice(0, 40)}"`);
  return since;
}

function limitParam(request: Request): number {
  const raw = new URL(request.url).searchParams.get('limit');
  if (raw === null) return 100;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(400, `"limit" must be an integer from 1 to 1000, got "${raw.slice(0, 40)}"`);
  return limit;
}

export function handleHistory(service: FdoService, request: Request): Response {
  return json({ history: service.history(sinceParam(request)) });
}

export function handleEvents(service: FdoService, request: Request): Response {
  return json({ events: service.events(limitParam(request)) });
}

/** Everything the dashboard draws, in one answer, so its panels agree with each other. */
export interface PoolStatus {
  server_time: number;
  health: ServiceHealth;
  pool: PoolHealthReport;
  history: HistoryPoint[];
  events: PoolEvent[];
  admin_token_required: boolean;
  /** whether this client may use the admin buttons, and if not, why */
  admin: AdminAccess;
}

export function handlePoolStatus(service: FdoService, request: Request): Response {
  const status: PoolStatus = {
    server_time: Date.now() / 1000,
    health: service.health(),
    pool: service.poolHealth(),
    history: service.history(sinceParam(request)),
    events: service.events(limitParam(request)),
    admin_token_required: webSettings().adminToken !== null,
    admin: adminAccess(request),
  };
  return json(status);
}
