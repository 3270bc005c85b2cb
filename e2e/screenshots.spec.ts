/**
 * Screenshots of both pages at desktop and phone width, light and dark, into
 * e2e/artifacts/; each also checks that nothing overflows the viewport sideways.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { POOL_SIZE } from './support/server';

const ARTIFACTS = path.resolve(__dirname, 'artifacts');
const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'page wider than the viewport').toBeLessThanOrEqual(client);
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    test(`pool dashboard, ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/pool');
      await expect(page.getByTestId('tile-healthy')).toBeVisible();
      await expect(page.getByTestId('daemon-chart')).toHaveCount(POOL_SIZE);
      expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(scheme === 'dark');
      await noSidewaysScroll(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `pool-${size.name}-${scheme}.png`), fullPage: true });
    });

    test(`playground, ${size.name}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      await page.getByTestId('example-select').selectOption('login-window');
      await page.getByTestId('compile').click();
      await expect(page.getByTestId('hex-dump')).toBeVisible();
      await noSidewaysScroll(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `playground-${size.name}-${scheme}.png`), fullPage: true });
    });
  }
}

test('the theme toggle overrides the system preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/pool');
  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveText('Theme: system');
  await toggle.click();
  await expect(toggle).toHaveText('Theme: light');
  await toggle.click();
  await expect(toggle).toHaveText('Theme: dark');
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  await page.getByTestId('theme-toggle').click();
  await expect(page.getByTestId('theme-toggle')).toHaveText('Theme: system');
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false);
});
