/** What the tests read from the running server directly, and the faults they inject. */
import type { APIRequestContext, Page } from '@playwright/test';
import type { DaemonSnapshot, PoolHealthReport } from '../../lib/service/contract';
import { ADMIN_TOKEN } from './server';

export async function poolHealth(request: APIRequestContext): Promise<PoolHealthReport> {
  const res = await request.get('/health/pool');
  return (await res.json()) as PoolHealthReport;
}

export async function daemon(request: APIRequestContext, id: string): Promise<DaemonSnapshot> {
  const d = (await poolHealth(request)).instances.find((x) => x.id === id);
  if (!d) throw new Error(`no ${id} in /health/pool`);
  return d;
}

/** polls until `check` returns a value, for at most `ms` */
export async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/** answers the admin token dialog if the action asked for it */
export async function giveTokenIfAsked(page: Page): Promise<void> {
  const input = page.getByTestId('token-input');
  try {
    await input.waitFor({ state: 'visible', timeout: 3000 });
  } catch {
    return;
  }
  await input.fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Use token' }).click();
}
