/**
 * The dashboard's admin controls (issue 14, item 3; issue 8, item 1) in Chromium:
 * resize and rolling restart with confirmation on the token server; on a server without
 * a token, a local browser uses the buttons without being asked for anything, and a
 * browser that is not local sees them disabled with the server's reason; a crashed
 * daemon's card counts down to its restart. Screenshots at 1280 and 390 px, light and
 * dark, go to e2e/artifacts/.
 */
import http from 'node:http';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { daemon, giveTokenIfAsked, poolHealth, signal, until } from './support/pool';
import { POOL_SIZE, startServer, stopServer, type ServerState } from './support/server';

const ARTIFACTS = path.resolve(__dirname, 'artifacts');
const VIEWS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  for (const v of VIEWS) {
    for (const scheme of SCHEMES) {
      await page.setViewportSize({ width: v.width, height: v.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(150);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, `${name} ${v.name}: wider than the viewport`).toBeLessThanOrEqual(client);
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${v.name}-${scheme}.png`), fullPage });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('with the admin token', () => {
  test('resizes the pool after confirmation, down and back up', async ({ page, request }) => {
    await page.goto('/pool');
    await expect(page.getByTestId('daemon-chart')).toHaveCount(POOL_SIZE);
    await page.getByTestId('resize-input').fill(String(POOL_SIZE - 1));
    await page.getByTestId('resize').click();
    const dialog = page.getByRole('dialog', { name: `Resize the pool to ${POOL_SIZE - 1}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('1 daemon is drained and stopped');
    // the modal covers the viewport: a viewport shot shows it as a person sees it
    await shoot(page, 'pool-resize-confirm', false);
    await page.getByTestId('confirm-pool-action').click();
    await giveTokenIfAsked(page);
    await expect(page.getByTestId('notice')).toContainText(`Pool resized to ${POOL_SIZE - 1}`, { timeout: 30_000 });
    await expect(page.locator('[data-testid^="daemon-daemon_"]')).toHaveCount(POOL_SIZE - 1, { timeout: 15_000 });
    expect((await poolHealth(request)).pool_size).toBe(POOL_SIZE - 1);

    await page.getByTestId('resize-input').fill(String(POOL_SIZE));
    await page.getByTestId('resize').click();
    await page.getByTestId('confirm-pool-action').click();
    await giveTokenIfAsked(page);
    await expect(page.getByTestId('notice')).toContainText(`Pool resized to ${POOL_SIZE}`, { timeout: 30_000 });
    await until('every daemon healthy again', async () => (await poolHealth(request)).instances_healthy === POOL_SIZE, 30_000);
  });

  test('cancelling the confirmation changes nothing', async ({ page, request }) => {
    const before = await poolHealth(request);
    await page.goto('/pool');
    await page.getByTestId('rolling-restart').click();
    await expect(page.getByRole('dialog', { name: 'Restart every daemon?' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.waitForTimeout(500);
    expect((await poolHealth(request)).instances.map((d) => d.pid)).toEqual(before.instances.map((d) => d.pid));
  });

  test('restarts every daemon in turn after confirmation', async ({ page, request }) => {
    const before = await poolHealth(request);
    await page.goto('/pool');
    await page.getByTestId('rolling-restart').click();
    await expect(page.getByRole('dialog', { name: 'Restart every daemon?' })).toContainText('one at a time');
    await page.getByTestId('confirm-pool-action').click();
    await giveTokenIfAsked(page);
    await expect(page.getByTestId('notice')).toContainText(`Restarted ${POOL_SIZE} daemon(s) one at a time`, { timeout: 60_000 });
    const after = await poolHealth(request);
    for (const d of before.instances) expect(after.instances.find((x) => x.id === d.id)?.pid).not.toBe(d.pid);
    expect(after.instances_healthy).toBe(POOL_SIZE);
  });
});

test.describe('without a token, from a local browser', () => {
  let server: ServerState;
  test.beforeAll(async () => {
    server = await startServer({ name: 'e2e-open', poolSize: 2, env: { ATOMFORGE_ADMIN_TOKEN: '' } });
  });
  test.afterAll(async () => stopServer('e2e-open'));

  test('the buttons work and no token is asked for', async ({ page }) => {
    await page.goto(`${server.baseURL}/pool`);
    await expect(page.getByTestId('admin-refused')).toHaveCount(0);
    await page.getByTestId('reset-breakers').click();
    await expect(page.getByTestId('notice')).toContainText('Reset circuit breakers for');
    await expect(page.getByTestId('token-input')).toHaveCount(0);
  });
});

/** a POST from 127.0.0.2, which this server counts as local */
function postFrom127002(baseURL: string, path: string): Promise<number> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: '127.0.0.2', headers: { 'Content-Type': 'application/json' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

test.describe('without a token, from a browser that is not local', () => {
  let server: ServerState;
  test.beforeAll(async () => {
    // the browser connects from 127.0.0.1; only 127.0.0.2 is local here. A long restart delay shows the countdown.
    server = await startServer({
      name: 'e2e-narrow',
      poolSize: 2,
      env: { ATOMFORGE_ADMIN_TOKEN: '', ATOMFORGE_LOCAL_ADDRESSES: '127.0.0.2', FDO_DAEMON_RESTART_DELAY: '40', FDO_DAEMON_HEALTH_INTERVAL: '0.5' },
    });
  });
  test.afterAll(async () => stopServer('e2e-narrow'));

  test('shows why the buttons are refused and disables them; a local client still may', async ({ page }) => {
    await page.goto(`${server.baseURL}/pool`);
    const note = page.getByTestId('admin-refused');
    await expect(note).toContainText('ATOMFORGE_ADMIN_TOKEN');
    await expect(note).toContainText('127.0.0.1');
    for (const id of ['reset-breakers', 'rolling-restart', 'resize']) {
      await expect(page.getByTestId(id)).toBeDisabled();
      await expect(page.getByTestId(id)).toHaveAttribute('title', /ATOMFORGE_ADMIN_TOKEN/);
    }
    await expect(page.getByRole('button', { name: 'Restart', exact: true }).first()).toBeDisabled();
    // the same request from the browser's address is refused by the server itself
    const refused = await page.evaluate(async () => {
      const r = await fetch('/pool/reset-circuit-breakers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return { status: r.status, error: ((await r.json()) as { error: string }).error };
    });
    expect(refused.status).toBe(403);
    expect(refused.error).toMatch(/ATOMFORGE_ADMIN_TOKEN/);
    expect(await postFrom127002(server.baseURL, '/pool/reset-circuit-breakers')).toBe(200);
  });

  test("counts down to a crashed daemon's restart", async ({ page }) => {
    await page.goto(`${server.baseURL}/pool`);
    const health = await (await fetch(`${server.baseURL}/health/pool`)).json();
    const victim = (health as { instances: { id: string; pid: number }[] }).instances[1]!;
    signal(victim.pid, 'SIGKILL');
    const note = page.getByTestId(`daemon-${victim.id}`).getByTestId('next-restart');
    await expect(note).toContainText(/restart in \d+ s/, { timeout: 20_000 });
    const first = Number(/(\d+) s/.exec(await note.innerText())![1]);
    await page.waitForTimeout(2200);
    const later = Number(/(\d+) s/.exec(await note.innerText())![1]);
    expect(later).toBeLessThan(first);
    await shoot(page, 'pool-not-local-countdown');
  });
});

test('a restart countdown needs a crash: healthy cards show none', async ({ page, request }) => {
  await page.goto('/pool');
  await expect(page.getByTestId('daemon-chart')).toHaveCount(POOL_SIZE);
  const d = await daemon(request, 'daemon_0');
  expect(d.next_restart_at).toBeNull();
  await expect(page.getByTestId('next-restart')).toHaveCount(0);
});
