/** The dashboard's calls: the pool status it polls, and the admin actions it posts. */
import type { PoolStatus } from '@/server/web/pool-routes';

export type { PoolStatus };

export async function fetchPoolStatus(): Promise<PoolStatus> {
  const res = await fetch('/pool/status', { cache: 'no-store' });
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      message = ((await res.json()) as { error?: string }).error ?? message;
    } catch {
      /* not JSON */
    }
    throw new Error(message);
  }
  return (await res.json()) as PoolStatus;
}

export type AdminResult = { ok: true; body: { message?: string } } | { ok: false; status: number; message: string };

/** Admin routes take only JSON bodies (a form or a no-cors request cannot send one), so every action posts one. */
export async function postAdmin(path: string, token: string | null, body: Record<string, unknown> = {}): Promise<AdminResult> {
  try {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
    const answer = (await res.json().catch(() => ({}))) as { message?: string; error?: string };
    if (res.ok) return { ok: true, body: answer };
    return { ok: false, status: res.status, message: answer.error ?? `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, status: 0, message: `cannot reach the service: ${err instanceof Error ? err.message : String(err)}` };
  }
}
