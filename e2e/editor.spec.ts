/**
 * The FDO editor in Chromium: typing a form with completion, live diagnostics at the
 * right line and column, hover, source <-> bytes in both directions, the atom reference
 * and inserting from it, keyboard-only use, the in-browser compile against the pool's,
 * and screenshots of each at 1280 and 390 px, light and dark (e2e/artifacts/editor-*).
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { compile, compileWithMap } from '../lib/fdo';
import { findAtom } from '../lib/editor/atom-info';
import { EXAMPLES } from '../lib/examples';
import { editorLine, editorText, expectEditorText, setEditorText } from './support/editor';

const ARTIFACTS = path.resolve(__dirname, 'artifacts');
const example = EXAMPLES.find((e) => e.id === 'login-window')!;

async function openExample(page: Page, id = example.id) {
  await page.goto('/');
  await page.getByTestId('example-select').selectOption(id);
  await expectEditorText(page, EXAMPLES.find((e) => e.id === id)!.source);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-ok', 'true');
}

const SIZES = [
  { w: 1280, h: 900, n: 'desktop' },
  { w: 390, h: 844, n: 'phone' },
] as const;

/** Screenshots at 1280 and 390 px, light and dark; `again` restores what a resize may close. */
async function shoot(page: Page, name: string, again?: () => Promise<void>) {
  for (const size of SIZES) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: size.w, height: size.h });
      await page.emulateMedia({ colorScheme: scheme });
      if (again) await again();
      await page.screenshot({ path: path.join(ARTIFACTS, `editor-${name}-${size.n}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function acceptCompletion(page: Page, label: string) {
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: label }).first();
  await expect(option).toBeVisible();
  await expect(page.locator('.cm-tooltip-autocomplete li[aria-selected] .cm-completionLabel')).toHaveText(label);
  // CodeMirror ignores Enter for 75 ms after the list changes (so a fast typist's Enter is a newline)
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
}

test('types a form from scratch with completion, and it compiles live', async ({ page }) => {
  await page.goto('/');
  await setEditorText(page, '');
  await page.keyboard.type('uni_start_s', { delay: 20 });
  await acceptCompletion(page, 'uni_start_stream');
  // the template's field (00x) is selected: typing replaces it
  await page.keyboard.type('01x');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('man_start_obj', { delay: 20 });
  await acceptCompletion(page, 'man_start_object');
  // field 1 is the object type: completion offers the object types inside < >
  await page.keyboard.type('ind_gr', { delay: 20 });
  await acceptCompletion(page, 'ind_group');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Hello');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('mat_posi', { delay: 20 });
  await expect(page.locator('.cm-tooltip-autocomplete li', { hasText: 'mat_position' }).first()).toBeVisible();
  await shoot(page, 'completion', async () => {
    if (!(await page.locator('.cm-tooltip-autocomplete').isVisible())) await page.keyboard.press('Control+Space');
    await expect(page.locator('.cm-tooltip-autocomplete li', { hasText: 'mat_position' }).first()).toBeVisible();
  });
  await acceptCompletion(page, 'mat_position');
  await page.keyboard.type('center_c', { delay: 20 });
  await acceptCompletion(page, 'center_center');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('man_end_object', { delay: 10 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.keyboard.type('uni_end_stream', { delay: 10 });
  await page.keyboard.press('Escape');

  const text = await editorText(page);
  expect(text.split('\n').map((l) => l.trim())).toEqual([
    'uni_start_stream <01x>',
    'man_start_object <ind_group, "Hello">',
    'mat_position <center_center>',
    'man_end_object',
    'uni_end_stream',
  ]);
  // Enter indents by the decompiler's level counter
  expect(text.split('\n')[1]).toMatch(/^ {2}man_start_object/);
  const bytes = compile(text);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('live-status')).toContainText(`${bytes.length} bytes`);
  const firstRow = await page.getByTestId('hex-dump').locator('div').first().innerText();
  expect(firstRow).toContain([...bytes.subarray(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join(' '));
});

test('a diagnostic appears at the right line and column while typing and goes away when fixed', async ({ page }) => {
  await openExample(page);
  const lines = example.source.split('\n');
  const target = lines.findIndex((l) => l.trim().startsWith('mat_'));
  const lineNo = target + 1;
  const column = lines[target]!.indexOf('mat_') + 1;
  // put the caret after "ma" of that atom and type a stray letter
  await editorLine(page, lineNo).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  for (let i = 0; i < column - 1 + 2; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('q');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('live-error-location')).toHaveText(`line ${lineNo}, column ${column}`);
  await expect(page.getByTestId('live-status')).toContainText('Unrecognized Atom');
  await expect(page.getByTestId('live-error-hint')).toContainText('did you mean');
  const underline = page.locator('.cm-lintRange-error');
  await expect(underline).toHaveCount(1);
  expect((await underline.innerText()).startsWith('maq')).toBe(true);
  await expect(page.getByTestId('hex-dump')).toHaveAttribute('data-stale', 'true');
  await underline.hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('is not an atom name');
  for (const size of [
    { w: 1280, h: 900, n: 'desktop' },
    { w: 390, h: 844, n: 'phone' },
  ]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: size.w, height: size.h });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(ARTIFACTS, `editor-diagnostic-${size.n}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await editorLine(page, lineNo).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-ok', 'true');
  await expect(underline).toHaveCount(0);
  await expectEditorText(page, example.source);
});

test('hovering an atom shows its facts; hovering an enum name its number', async ({ page }) => {
  await openExample(page);
  const atom = page.locator('.cm-content span', { hasText: /^man_start_object$/ }).first();
  await atom.hover();
  const card = page.getByTestId('hover-card');
  await expect(card).toContainText('man_start_object');
  await expect(card).toContainText('protocol 1, atom 0, type objstart, indent');
  await expect(card).toContainText('object type');
  for (const size of [
    { w: 1280, h: 900, n: 'desktop' },
    { w: 390, h: 844, n: 'phone' },
  ]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: size.w, height: size.h });
      await page.emulateMedia({ colorScheme: scheme });
      await page
        .locator('.cm-content span', { hasText: /^man_start_object$/ })
        .first()
        .hover();
      await expect(card).toBeVisible();
      await page.screenshot({ path: path.join(ARTIFACTS, `editor-hover-${size.n}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.mouse.move(0, 0);
  const objectType = page.locator('.cm-content span', { hasText: /^ind_group$/ }).first();
  await objectType.hover();
  await expect(card).toContainText('object type of man_start_object: 1');
});

test('hovering a line highlights its bytes; hovering and clicking a byte points at its line', async ({ page }) => {
  await openExample(page);
  const map = compileWithMap(example.source);
  const k = 3; // the fourth atom
  const atom = map.atoms[k]!;
  await editorLine(page, atom.line).hover({ position: { x: 12, y: 6 } });
  const lit = page.locator('.hex-view .hb.hl');
  await expect(lit).toHaveCount(atom.end - atom.start);
  await expect(lit.first()).toHaveAttribute('data-b', String(atom.start));
  for (const size of [
    { w: 1280, h: 900, n: 'desktop' },
    { w: 390, h: 844, n: 'phone' },
  ]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: size.w, height: size.h });
      await page.emulateMedia({ colorScheme: scheme });
      await editorLine(page, atom.line).hover({ position: { x: 12, y: 6 } });
      await expect(lit.first()).toBeVisible();
      await page.screenshot({ path: path.join(ARTIFACTS, `editor-line-to-bytes-${size.n}-${scheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // the reverse: a byte of another atom lights that atom's line and bytes
  const other = map.atoms[1]!;
  const byte = page.locator(`.hex-view [data-b="${other.start + 1}"]`);
  await byte.hover();
  await expect(page.locator('.cm-fdo-linked')).toHaveCount(1);
  await expect(page.locator('.cm-fdo-linked')).toHaveText(example.source.split('\n')[other.line - 1]!);
  await expect(lit).toHaveCount(other.end - other.start);
  await byte.click();
  const line = example.source.split('\n')[other.line - 1]!;
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(line.trim());
  await shoot(page, 'byte-click');
  await expect(page.locator('.cm-lineNumbers .cm-activeLineGutter')).toHaveText(String(other.line));
});

test('the atom reference searches by URL, filters, and inserts into the editor', async ({ page }) => {
  await openExample(page);
  await page.goto('/atoms?q=dod_data');
  const rows = page.getByTestId('atom-row');
  await expect(rows.first()).toHaveAttribute('data-atom', 'dod_data');
  await expect(page.getByTestId('atom-search')).toHaveValue('dod_data');
  const dod = findAtom('dod_data')!;
  await expect(rows.first()).toContainText(`${dod.protocol}/${dod.atom} · ${dod.type}`);
  // filters: type enum narrows to enum atoms, each showing its values
  await page.getByTestId('atom-search').fill('');
  await page.getByTestId('atom-type').selectOption('enum');
  await expect(page).toHaveURL(/\/atoms\?type=enum$/);
  await expect(page.getByTestId('atom-count')).toHaveText(/^45 of 1,861 atoms$/);
  await page.getByTestId('atom-search').fill('mat_posi');
  await expect(page).toHaveURL(/q=mat_posi/);
  await page.reload();
  await expect(page.getByTestId('atom-search')).toHaveValue('mat_posi');
  await expect(rows.first()).toHaveAttribute('data-atom', 'mat_position');
  await rows.first().locator('summary').click();
  await expect(rows.first().getByTestId('atom-values')).toContainText('center_center = 5');
  for (const size of [
    { w: 1280, h: 900, n: 'desktop' },
    { w: 390, h: 844, n: 'phone' },
  ]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: size.w, height: size.h });
      await page.emulateMedia({ colorScheme: scheme });
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll).toBeLessThanOrEqual(client);
      await page.screenshot({ path: path.join(ARTIFACTS, `editor-atoms-${size.n}-${scheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('atom-protocol').selectOption('16');
  await expect(page).toHaveURL(/protocol=16/);
  await rows.first().getByTestId('atom-insert').click();
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(async () => (await editorText(page)).includes('mat_position <cascade>')).toBe(true);
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-ok', 'true');
});

test('keyboard only: reach the editor, complete, leave it, walk the bytes and jump back', async ({ page }) => {
  await openExample(page);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  let inEditor = false;
  for (let i = 0; i < 15 && !inEditor; i++) {
    await page.keyboard.press('Tab');
    inEditor = await page.evaluate(() => document.activeElement?.classList.contains('cm-content') ?? false);
  }
  expect(inEditor).toBe(true);
  // Alt+I shows the hover card for the word at the caret (line 2: man_start_object)
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Alt+i');
  await expect(page.getByTestId('hover-card')).toContainText('protocol 1, atom 0, type objstart');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('hover-card')).toHaveCount(0);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('uni_end_str');
  await page.keyboard.press('Control+Space');
  await acceptCompletion(page, 'uni_end_stream');
  await expect.poll(async () => (await editorText(page)).trimEnd().endsWith('uni_end_stream')).toBe(true);
  // Escape then Tab leaves the editor (Tab alone indents)
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(false);
  let inHex = false;
  for (let i = 0; i < 15 && !inHex; i++) {
    inHex = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'hex-dump');
    if (!inHex) await page.keyboard.press('Tab');
  }
  expect(inHex).toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.hex-view .hb.cur')).toHaveAttribute('data-b', '17');
  await expect(page.locator('.cm-fdo-linked')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const map = compileWithMap(await editorText(page));
  const owner = map.spans.find((s) => s.start <= 17 && 17 < s.end)!;
  await expect(page.locator('.cm-lineNumbers .cm-activeLineGutter')).toHaveText(String(map.atoms[owner.atom]!.line));
  expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
});

test("the in-browser compile equals the pool's bytes, and decompile shows byte offsets", async ({ page }) => {
  for (const ex of EXAMPLES) {
    await openExample(page, ex.id);
    await page.getByTestId('compile').click();
    await expect(page.getByTestId('served-by')).toHaveText(/^daemon_\d+$/);
    await expect(page.getByTestId('pool-match')).toHaveAttribute('data-match', 'true');
  }
  await page.getByTestId('roundtrip').click();
  await expect(page.getByTestId('roundtrip-result')).toHaveAttribute('data-match', 'true');
  const offsets = (await page.getByTestId('decompiled-offsets').innerText()).split('\n');
  const last = EXAMPLES[EXAMPLES.length - 1]!;
  const map = compileWithMap(last.source);
  for (const a of map.atoms.slice(0, 10)) expect(offsets[a.line - 1]).toBe(a.start.toString(16).padStart(6, '0'));
});
