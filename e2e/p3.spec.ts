/**
 * The playground's P3 view and the Captures page against the production server, with
 * screenshots in e2e/artifacts/: the frames of a compiled DOD reply equal the capture's,
 * large-atom pieces marked; a capture upload lists its streams with their DOD facts and
 * opens a stream's FDO in the editor.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decompile } from '../lib/fdo';
import { decodeCapture } from '../lib/p3';
import { expectEditorText } from './support/editor';

const ARTIFACTS = path.resolve(__dirname, 'artifacts');
const CAPTURE = path.resolve(__dirname, '..', 'test', 'p3', 'dod-capture.jsonl');
const captureText = fs.readFileSync(CAPTURE, 'latin1');
const report = decodeCapture(captureText);
const reply0063 = report.streams.find((s) => s.direction === 'S->C' && s.streamIdHex === '0063')!;
const capturedFrames = captureText
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { dir: string; fullHex: string })
  .filter((l) => l.dir === 'S->C' && l.fullHex.slice(20, 24) === '0063')
  .map((l) => l.fullHex.toUpperCase());

test('the P3 view frames a DOD reply exactly as the capture holds it, large-atom pieces marked', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('source-editor').fill(decompile(reply0063.fdo));
  await page.getByTestId('p3-streamId').fill('0x63');
  await page.getByTestId('p3-tx').fill('0x76');
  await page.getByTestId('p3-rx').fill('0x2A');
  await page.getByTestId('p3-chunk').click();
  await expect(page.getByTestId('p3-frame')).toHaveCount(capturedFrames.length);
  await expect(page.getByTestId('p3-summary')).toContainText(`${capturedFrames.length} frames, ${capturedFrames.length - 1} continuing a large atom`);
  const hex = await page
    .getByTestId('p3-frame')
    .locator('td:last-child')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
  expect(hex).toEqual(capturedFrames);
  await expect(page.getByTestId('p3-frame').first().locator('[data-piece="start"]')).toBeVisible();
  await expect(page.getByTestId('p3-frame').nth(1).locator('[data-piece="segment"]')).toBeVisible();
  await expect(page.getByTestId('p3-frame').last().locator('[data-piece="end"]')).toBeVisible();
  await page.getByTestId('p3-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-p3-desktop-light.png'), fullPage: true });

  // a bad stream id is refused with the route's message
  await page.getByTestId('p3-streamId').fill('0x10000');
  await page.getByTestId('p3-chunk').click();
  await expect(page.getByTestId('p3-error')).toContainText('Bad Stream Id');
});

test('the Captures page lists the streams of an uploaded capture and opens one in the editor', async ({ page }) => {
  await page.goto('/captures');
  await page.getByTestId('capture-upload').setInputFiles(CAPTURE);
  await expect(page.getByTestId('capture-stream')).toHaveCount(report.streams.length);
  await expect(page.getByTestId('capture-summary')).toContainText(`${report.frames} frames`);
  const row = page.locator('[data-testid="capture-stream"][data-stream="S->C 0063"]');
  await expect(row).toContainText('JG art 300×220, 596 B');
  await expect(row).toContainText('form 255-0-61476');
  await expect(row).toContainText('ok');
  await page.screenshot({ path: path.join(ARTIFACTS, 'captures-desktop-light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 390, height: 844 });
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'page wider than the viewport').toBeLessThanOrEqual(client);
  await page.screenshot({ path: path.join(ARTIFACTS, 'captures-phone-dark.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await row.getByTestId('open-stream').click();
  await expect(page).toHaveURL(/\/$/);
  await expectEditorText(page, decompile(reply0063.fdo));
});

test('a capture with no frames is refused with a message', async ({ page }, info) => {
  const junk = info.outputPath('junk.jsonl');
  fs.writeFileSync(junk, 'not a capture\n');
  await page.goto('/captures');
  await page.getByTestId('capture-upload').setInputFiles(junk);
  await expect(page.getByTestId('capture-error')).toContainText('no P3 frame could be read');
});
