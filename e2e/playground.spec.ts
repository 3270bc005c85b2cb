/**
 * The playground against the production server: compile an example (hex dump, size,
 * daemon, .bin download), decompile it back from the file and from pasted hex, the round
 * trip, and a broken source's error at the right line and column.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { compile } from '../lib/fdo';
import { EXAMPLES } from '../lib/examples';
import { expectEditorText, setEditorText } from './support/editor';

const byId = (id: string) => EXAMPLES.find((e) => e.id === id)!;

async function loadExample(page: Page, id: string) {
  await page.goto('/');
  await page.getByTestId('example-select').selectOption(id);
  await expectEditorText(page, byId(id).source);
}

test('compiles an example and decompiles the downloaded .bin back to the same source', async ({ page }, info) => {
  const example = byId('chat-room');
  const expected = compile(example.source);
  await loadExample(page, example.id);
  await page.getByTestId('compile').click();
  await expect(page.getByTestId('binary-size')).toHaveText(`${expected.length} bytes`);
  await expect(page.getByTestId('served-by')).toHaveText(/^daemon_\d+$/);
  const firstRow = await page.getByTestId('hex-dump').locator('div').first().innerText();
  expect(firstRow.startsWith('00000000')).toBe(true);
  expect(firstRow).toContain([...expected.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' '));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-bin').click()]);
  expect(download.suggestedFilename()).toBe('chat-room.bin');
  const file = info.outputPath('chat-room.bin');
  await download.saveAs(file);
  expect(new Uint8Array(fs.readFileSync(file))).toEqual(expected);

  await page.getByTestId('bin-upload').setInputFiles(file);
  await expect(page.getByTestId('decompiled-text')).toHaveText(example.source.replace(/\n$/, ''), { useInnerText: false });
  expect(await page.getByTestId('decompiled-text').textContent()).toBe(example.source);
});

test('decompiles pasted hex', async ({ page }) => {
  const example = byId('alert-dialog');
  const hex = [...compile(example.source)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  await page.goto('/');
  await page.getByTestId('hex-input').fill(hex);
  await page.getByTestId('decompile-hex').click();
  await expect(page.getByTestId('decompile-result')).toBeVisible();
  expect(await page.getByTestId('decompiled-text').textContent()).toBe(example.source);

  await page.getByTestId('hex-input').fill('00 zz');
  await page.getByTestId('decompile-hex').click();
  await expect(page.getByRole('alert').filter({ hasText: 'not a hex digit' })).toBeVisible();
});

test('the round trip shows matching bytes', async ({ page }) => {
  await loadExample(page, 'news-article');
  await page.getByTestId('roundtrip').click();
  await expect(page.getByTestId('roundtrip-result')).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId('roundtrip-result')).toContainText('bytes match');
});

test('a broken source shows the error at its line and column, and moves the caret there', async ({ page }) => {
  const lines = byId('login-window').source.split('\n');
  lines[5] = '      mat_font_sise <12>'; // line 6: a misspelt atom
  const broken = lines.join('\n');
  await page.goto('/');
  await setEditorText(page, broken);
  await page.getByTestId('source-editor').press('Control+Enter');

  await expect(page.getByTestId('codec-error')).toBeVisible();
  await expect(page.getByTestId('codec-error')).toContainText('Unrecognized Atom');
  const where = await page.getByTestId('error-location').innerText();
  const m = /line (\d+), column (\d+)/.exec(where);
  expect(m).not.toBeNull();
  expect(Number(m![1])).toBe(6);
  const column = Number(m![2]);
  expect(column).toBeGreaterThanOrEqual(1);
  expect(column).toBeLessThanOrEqual(lines[5]!.length);

  // the editor underlines the word and the caret is put on the error's line
  await expect(page.locator('.cm-lintRange-error')).toHaveText('mat_font_sise');
  await page.getByTestId('error-location').click();
  await expect(page.locator('.cm-lineNumbers .cm-activeLineGutter')).toHaveText('6');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
  await page.screenshot({ path: path.resolve(__dirname, 'artifacts', 'playground-error-desktop-light.png') });

  // fixing the line and compiling again clears the error
  await setEditorText(page, byId('login-window').source);
  await page.getByTestId('compile').click();
  await expect(page.getByTestId('codec-error')).toBeHidden();
  await expect(page.getByTestId('hex-dump')).toBeVisible();
});
