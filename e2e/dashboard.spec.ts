/**
 * The operators' dashboard against the production server and a pool of 3 real daemons:
 * live data and refresh, a killed daemon's crash and recovery, a hung daemon's breaker
 * opening and the reset button closing it, and a confirmed restart.
 */
import { expect, test } from '@playwright/test';
import { EXAMPLES } from '../lib/examples';
import { daemon, giveTokenIfAsked, poolHealth, signal, until } from './support/pool';
import { POOL_SIZE } from './support/server';

const card = (page: import('@playwright/test').Page, id: string) => page.getByTestId(`daemon-${id}`);

test('shows the live pool and refreshes on its own', async ({ page, request }) => {
  await page.goto('/pool');
  await expect(page.getByTestId('tile-healthy')).toContainText(`${POOL_SIZE}/${POOL_SIZE}`);
  await expect(page.getByTestId('execution-mode')).toHaveText('daemon_pool');
  await expect(page.getByTestId('health-percentage')).toHaveText('100.0 %');
  await expect(page.getByTestId('health-bar')).toHaveAttribute('data-colour', 'green');
  for (let i = 0; i < POOL_SIZE; i++) await expect(card(page, `daemon_${i}`)).toHaveAttribute('data-state', 'healthy');
  await expect(page.getByTestId('updated-ago')).toContainText(/updated \d+ s ago/);

  // traffic the page did not make shows up without a reload
  const shown = Number((await page.getByTestId('tile-requests').innerText()).replace(/\D/g, ''));
  for (let i = 0; i < 12; i++) {
    const res = await request.post('/compile', { data: EXAMPLES[i % EXAMPLES.length]!.source, headers: { 'Content-Type': 'text/plain' } });
    expect(res.status()).toBe(200);
  }
  const total = (await poolHealth(request)).total_requests;
  expect(total).toBeGreaterThanOrEqual(shown + 12);
  await expect(async () => {
    const now = Number((await page.getByTestId('tile-requests').innerText()).replace(/\D/g, ''));
    expect(now).toBeGreaterThanOrEqual(shown + 12);
  }).toPass({ timeout: 15_000 });
});

test('keeps the charts across a reload (history is kept by the server)', async ({ page, request }) => {
  await until('two history samples', async () => ((await (await request.get('/api/history')).json()) as { history: unknown[] }).history.length >= 2);
  await page.goto('/pool');
  await expect(page.getByTestId('daemon-chart')).toHaveCount(POOL_SIZE);
  await page.reload();
  await expect(page.getByTestId('daemon-chart')).toHaveCount(POOL_SIZE, { timeout: 5000 });
});

test('shows a killed daemon crash and recover', async ({ page, request }) => {
  await page.goto('/pool');
  const before = await daemon(request, 'daemon_2');
  const restartsBefore = (await poolHealth(request)).daemon_restarts;
  expect(before.pid).toBeTruthy();
  signal(before.pid!, 'SIGKILL');

  await expect(page.locator('[data-event-type="crashed"][data-daemon="daemon_2"]').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-event-type="restarted"][data-daemon="daemon_2"]').first()).toBeVisible({ timeout: 30_000 });
  await expect(card(page, 'daemon_2')).toHaveAttribute('data-state', 'healthy', { timeout: 30_000 });
  const after = await daemon(request, 'daemon_2');
  expect(after.pid).not.toBe(before.pid);
  await expect(card(page, 'daemon_2')).toContainText(String(after.pid));
  await expect(async () => {
    const restarts = Number((await page.getByTestId('tile-restarts').innerText()).replace(/\D/g, ''));
    expect(restarts).toBeGreaterThan(restartsBefore);
  }).toPass({ timeout: 15_000 });
});

test('a hung daemon opens its breaker; Reset all breakers closes it', async ({ page, request }) => {
  await page.goto('/pool');
  const hung = await daemon(request, 'daemon_1');
  signal(hung.pid!, 'SIGSTOP');
  try {
    await expect(card(page, 'daemon_1').getByTestId('breaker-open')).toBeVisible({ timeout: 40_000 });
    // open, or half-open while a health check probes it: either way it takes no requests
    await expect(card(page, 'daemon_1')).toHaveAttribute('data-breaker', /^(open|half_open)$/);
    await expect(page.getByTestId('health-bar')).not.toHaveAttribute('data-colour', 'green');
    await expect(page.locator('[data-event-type="breaker_opened"][data-daemon="daemon_1"]').first()).toBeVisible();

    // requests keep working on the other daemons meanwhile
    const res = await request.post('/compile', { data: EXAMPLES[0]!.source, headers: { 'Content-Type': 'text/plain' } });
    expect(res.status()).toBe(200);
    expect(res.headers()['x-daemon-id']).not.toBe('daemon_1');

    await page.getByTestId('reset-breakers').click();
    await giveTokenIfAsked(page); // the server has ATOMFORGE_ADMIN_TOKEN set
    await expect(page.getByTestId('notice')).toContainText('Reset circuit breakers for 1 instance(s)');
    await expect(card(page, 'daemon_1').getByTestId('breaker-open')).toBeHidden();
    await expect(page.locator('[data-event-type="breakers_reset"]').first()).toBeVisible();
  } finally {
    signal(hung.pid!, 'SIGCONT');
  }
  await expect(card(page, 'daemon_1')).toHaveAttribute('data-state', 'healthy', { timeout: 30_000 });
  await expect(card(page, 'daemon_1')).toHaveAttribute('data-breaker', 'closed', { timeout: 30_000 });
});

test('restarts one daemon after confirmation', async ({ page, request }) => {
  await page.goto('/pool');
  await expect(card(page, 'daemon_0')).toHaveAttribute('data-state', 'healthy', { timeout: 30_000 });
  const before = await daemon(request, 'daemon_0');
  await card(page, 'daemon_0').getByRole('button', { name: 'Restart' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Restart daemon_0?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await daemon(request, 'daemon_0')).pid).toBe(before.pid);

  await card(page, 'daemon_0').getByRole('button', { name: 'Restart' }).click();
  await page.getByTestId('confirm-restart').click();
  await giveTokenIfAsked(page);
  await expect(page.getByTestId('notice')).toContainText('Restarted daemon_0', { timeout: 30_000 });
  const after = await until('daemon_0 healthy again', async () => {
    const d = await daemon(request, 'daemon_0');
    return d.state === 'healthy' && d.pid !== before.pid ? d : null;
  });
  await expect(card(page, 'daemon_0')).toContainText(String(after.pid));
});

test('shows a banner when the service cannot be reached', async ({ page }) => {
  await page.goto('/pool');
  await expect(page.getByTestId('tile-healthy')).toBeVisible();
  await page.route('**/pool/status*', (route) => route.abort('connectionrefused'));
  await expect(page.getByTestId('unreachable-banner')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('tile-healthy')).toBeVisible(); // last data stays on screen
  await page.unroute('**/pool/status*');
  await expect(page.getByTestId('unreachable-banner')).toBeHidden({ timeout: 20_000 });
});
