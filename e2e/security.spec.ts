/**
 * Issue 8 in Chromium: the pages run under their CSP with nothing blocked; every answer
 * carries the security headers; another site can neither frame /pool nor drive the
 * admin routes with an HTML form or no-cors fetches (and nothing in the pool changes).
 */
import { expect, test, type Page } from '@playwright/test';
import { EXAMPLES } from '../lib/examples';
import { giveTokenIfAsked, poolHealth } from './support/pool';
import { startOtherOrigin, type OtherOrigin } from './support/other-origin';
import { POOL_SIZE } from './support/server';

let other: OtherOrigin;

test.beforeAll(async () => {
  other = await startOtherOrigin(process.env.E2E_BASE_URL!);
});

test.afterAll(async () => {
  await other?.close();
});

/** Collects CSP violations (from the page itself), console errors and page errors. */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return async () => [...problems, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))];
}

test('the playground runs under its CSP with nothing blocked', async ({ page }) => {
  const problems = await watch(page);
  const res = await page.goto('/');
  const csp = res!.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
  expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(csp).toContain("object-src 'none'");
  await page.getByTestId('example-select').selectOption('login-window');
  await page.getByTestId('compile').click();
  await expect(page.getByTestId('hex-dump')).toBeVisible();
  // the theme script ran (it carries the nonce): the class is set before hydration
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  expect(await problems()).toEqual([]);
});

test('the dashboard runs under its CSP with nothing blocked, and its nonce changes per request', async ({ page }) => {
  const problems = await watch(page);
  const first = await page.goto('/pool');
  await expect(page.getByTestId('tile-healthy')).toContainText(`${POOL_SIZE}/${POOL_SIZE}`);
  await expect(page.getByTestId('daemon-chart')).toHaveCount(POOL_SIZE);
  const second = await page.reload();
  await expect(page.getByTestId('daemon-chart')).toHaveCount(POOL_SIZE);
  const nonce = (r: typeof first) => /'nonce-([^']+)'/.exec(r!.headers()['content-security-policy']!)?.[1];
  expect(nonce(first)).toBeTruthy();
  expect(nonce(first)).not.toBe(nonce(second));
  expect(await problems()).toEqual([]);
});

test('every kind of answer carries the security headers', async ({ request }) => {
  const answers = [
    await request.get('/'),
    await request.get('/pool'),
    await request.get('/health'),
    await request.get('/health/pool'),
    await request.get('/metrics'),
    await request.get('/no-such-page'),
    await request.post('/compile', { data: EXAMPLES[0]!.source, headers: { 'Content-Type': 'text/plain' } }),
    await request.post('/compile', { data: 'x', headers: { 'Content-Type': 'image/png' } }),
    await request.post('/pool/resize', { data: '{"size":1}', headers: { 'Content-Type': 'text/plain' } }),
    await request.get('/pool/daemons/%E0%A4%A/restart'),
  ];
  for (const a of answers) {
    const h = a.headers();
    const what = `${a.url()} ${a.status()}`;
    expect(h['x-content-type-options'], what).toBe('nosniff');
    expect(h['x-frame-options'], what).toBe('DENY');
    expect(h['referrer-policy'], what).toBe('no-referrer');
    expect(h['content-security-policy'], what).toContain("frame-ancestors 'none'");
  }
  expect(answers[8]!.status()).toBe(415);
  expect(answers[9]!.status()).toBe(400);
  expect(await answers[9]!.json()).toMatchObject({ success: false });
});

test('a page on another origin cannot frame /pool', async ({ page }) => {
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.goto(`${other.url}/frame`);
  await expect(page.locator('h1')).toHaveText('framing the dashboard');
  const frame = page.frameLocator('#victim');
  // give the frame every chance to load, then check our page is not in it
  await page.waitForTimeout(2000);
  await expect(frame.getByTestId('tile-healthy')).toHaveCount(0);
  await expect(frame.getByTestId('reset-breakers')).toHaveCount(0);
  expect(messages.join('\n')).toMatch(/frame-ancestors|X-Frame-Options|refused to/i);
});

test('a cross-site HTML form (text/plain, body {"size":1}) is refused and changes nothing', async ({ page, request }) => {
  const before = await poolHealth(request);
  await page.goto(`${other.url}/form`);
  const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/pool/resize')), page.click('#go')]);
  expect([403, 415]).toContain(answer.status());
  expect(await page.locator('body').innerText()).toMatch(/another site|another origin|application\/json/);
  const after = await poolHealth(request);
  expect(after.pool_size).toBe(before.pool_size);
  expect(after.instances.map((d) => d.pid)).toEqual(before.instances.map((d) => d.pid));
});

test('no-cors (and CORS) fetches from another origin are refused and change nothing', async ({ page, request }) => {
  const before = await poolHealth(request);
  await page.goto(`${other.url}/fetch`);
  await expect(page).toHaveTitle('done', { timeout: 20_000 });
  const results = JSON.parse((await page.locator('body').getAttribute('data-results'))!) as string[];
  // opaque answers for no-cors; the JSON one needs a preflight that the service never grants
  expect(results.filter((r) => r.includes(' no-cors '))).toHaveLength(4);
  expect(results.find((r) => r.includes(' cors '))).toMatch(/refused: TypeError/);
  // give any request that did get through time to act, then compare
  await page.waitForTimeout(1500);
  const after = await poolHealth(request);
  expect(after.pool_size).toBe(before.pool_size);
  expect(after.instances.map((d) => d.pid)).toEqual(before.instances.map((d) => d.pid));
  expect(after.daemon_restarts).toBe(before.daemon_restarts);
});

test('the dashboard on its own origin still drives the admin routes (with the token)', async ({ page }) => {
  await page.goto('/pool');
  await page.getByTestId('reset-breakers').click();
  await giveTokenIfAsked(page);
  await expect(page.getByTestId('notice')).toContainText('Reset circuit breakers for');
});

test('a character outside Latin-1 in the playground is a compile error at its line and column', async ({ page }) => {
  await page.goto('/');
  const editor = page.getByTestId('source-editor');
  await editor.fill('uni_start_stream <00x>\n  man_append_data <"5 €">\nuni_end_stream <00x>\n');
  await editor.press('Control+Enter');
  await expect(page.getByTestId('codec-error')).toContainText('Invalid Character');
  await expect(page.getByTestId('error-location')).toHaveText('line 2, column 23');
  await expect(page.getByTestId('error-message')).toContainText('U+20AC');
});
