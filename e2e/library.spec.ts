/**
 * The playground's library panel against the production server and its (per-run, temp)
 * SQLite library: save → reload → open → edit → a conflict from a second tab → history →
 * diff → restore; delete and undo; rename; the unsaved-changes guard; a template's
 * variables; screenshots at 1280 and 390 px, light and dark.
 */
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { compile } from '../lib/fdo';
import { expectEditorText, setEditorText } from './support/editor';

const ARTIFACTS = path.resolve(__dirname, 'artifacts');

/** a name no other test (or earlier run against the same server) uses */
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

const alert = (text: string) => `uni_start_stream <00x>
  async_playsound <"Goodbye">
  async_alert <yes_no, "${text}">
  uni_wait_off
uni_end_stream <00x>
`;

interface StoredForm {
  id: number;
  name: string;
  folder: string;
  version: number;
  content: string;
}

async function stored(request: APIRequestContext, id: number): Promise<StoredForm> {
  const res = await request.get(`/files/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { file: StoredForm }).file;
}

async function createForm(request: APIRequestContext, name: string, content: string, folder = 'e2e'): Promise<StoredForm> {
  const res = await request.post('/files', { data: { name, folder, content } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { file: StoredForm }).file;
}

/** the open form's id, from the playground's stored state */
async function openFormId(page: Page): Promise<number> {
  return page.evaluate(
    () => (JSON.parse(sessionStorage.getItem('atomforge-playground') ?? '{}') as { state: { openForm: { id: number } | null } }).state.openForm!.id,
  );
}

function libraryItem(page: Page, name: string) {
  return page.getByTestId('library-item').filter({ has: page.locator(`[data-testid="library-open"]`, { hasText: name }) });
}

async function openFromLibrary(page: Page, name: string) {
  await page.getByTestId('library-search').fill(name);
  await expect(libraryItem(page, name)).toHaveCount(1);
  await libraryItem(page, name).getByTestId('library-open').click();
  await expect(page.getByTestId('form-title')).toContainText(name);
}

test('save, reload, open, edit, a conflict from a second tab, history, diff and restore', async ({ page, context, request }) => {
  const name = unique('alert');
  const v1 = alert('You have 2 downloads waiting.');
  const v2 = alert('You have 3 downloads waiting.');
  const theirs = alert('Saved from the second tab.');
  const mine = alert('Saved from the first tab.');

  // save: a new text goes through "save as"
  await page.goto('/');
  await setEditorText(page, v1);
  await page.keyboard.press('Control+S');
  await page.getByTestId('form-name').fill(name);
  await page.getByTestId('form-folder').fill('e2e/conflicts');
  await page.getByTestId('form-name-submit').click();
  await expect(page.getByTestId('form-version')).toHaveText('v1');
  await expect(page.getByTestId('form-dirty')).toHaveCount(0);
  const id = await openFormId(page);
  expect((await stored(request, id)).content).toBe(v1);

  // reload keeps the open form; the library lists it in its folder
  await page.reload();
  await expect(page.getByTestId('form-title')).toContainText(name);
  await expect(page.getByTestId('library-folder').filter({ hasText: 'e2e/conflicts' })).toHaveCount(1);
  await page.getByTestId('form-close').click();
  await setEditorText(page, 'uni_start_stream\nuni_end_stream\n');
  await openFromLibrary(page, name);
  await expectEditorText(page, v1);

  // edit and Ctrl+S: version 2
  await setEditorText(page, v2);
  await expect(page.getByTestId('form-dirty')).toBeVisible();
  await page.getByTestId('form-note').fill('three downloads');
  await page.getByTestId('source-editor').click();
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('form-version')).toHaveText('v2');
  await expect(page.getByTestId('form-dirty')).toHaveCount(0);

  // a second tab opens version 2 and saves version 3
  const other = await context.newPage();
  await other.goto('/');
  await openFromLibrary(other, name);
  await expectEditorText(other, v2);
  await setEditorText(other, theirs);
  await other.keyboard.press('Control+S');
  await expect(other.getByTestId('form-version')).toHaveText('v3');

  // the first tab still starts from version 2: its save is refused with both texts shown
  await page.bringToFront();
  await setEditorText(page, mine);
  await page.keyboard.press('Control+S');
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  expect(await page.getByTestId('conflict-theirs').textContent()).toBe(theirs);
  expect(await page.getByTestId('conflict-mine').textContent()).toBe(mine);
  expect((await stored(request, id)).content).toBe(theirs); // nothing overwritten
  await page.getByTestId('conflict-keep-mine').click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByTestId('form-version')).toHaveText('v4');
  expect(await stored(request, id)).toMatchObject({ version: 4, content: mine });

  // the second tab, now behind, loads the newer version instead
  await other.bringToFront();
  await setEditorText(other, alert('Another try from the second tab.'));
  await other.keyboard.press('Control+S');
  await expect(other.getByTestId('conflict')).toBeVisible();
  await other.getByTestId('conflict-load-newer').click();
  await expectEditorText(other, mine);
  await expect(other.getByTestId('form-version')).toHaveText('v4');
  await expect(other.getByTestId('form-dirty')).toHaveCount(0);
  await other.close();

  // history: four versions; the diff of 1 → 2 shows the changed line and the first differing byte
  await page.bringToFront();
  await page.getByTestId('form-history').click();
  await expect(page.getByTestId('history-item')).toHaveCount(4);
  await expect(page.locator('[data-testid="history-item"][data-version="2"]')).toContainText('three downloads');
  await page.getByTestId('diff-from').selectOption('1');
  await page.getByTestId('diff-to').selectOption('2');
  await page.getByTestId('diff-show').click();
  await expect(page.getByTestId('diff-summary')).toContainText('1 line added, 1 removed');
  await expect(page.getByTestId('diff-removed')).toContainText('2 downloads');
  await expect(page.getByTestId('diff-added')).toContainText('3 downloads');
  const a = compile(v1);
  const b = compile(v2);
  let first = 0;
  while (a[first] === b[first]) first++;
  await expect(page.getByTestId('diff-first-byte')).toContainText(`offset ${first} `);
  await page.screenshot({ path: path.join(ARTIFACTS, 'library-history-desktop-light.png'), fullPage: true });

  // restore version 1 as version 5
  await page.locator('[data-testid="history-item"][data-version="1"]').getByTestId('history-restore').click();
  await expect(page.getByTestId('form-version')).toHaveText('v5');
  await expectEditorText(page, v1);
  expect(await stored(request, id)).toMatchObject({ version: 5, content: v1 });
  await expect(page.getByTestId('history-item')).toHaveCount(5);
});

test('delete with undo keeps the history, and rename', async ({ page, request }) => {
  const name = unique('doomed');
  const form = await createForm(request, name, alert('Delete me, then undo.'));
  const second = await request.put(`/files/${form.id}`, { data: { content: alert('Second wording.'), base_version: 1, message: 'second wording' } });
  expect(second.status()).toBe(200);
  await page.goto('/');
  await openFromLibrary(page, name);
  await page.getByTestId('form-delete').click();
  await expect(page.getByTestId('toast')).toContainText(`Deleted ${name}`);
  await expect(libraryItem(page, name)).toHaveCount(0);
  expect((await request.get(`/files/${form.id}`)).status()).toBe(404);
  expect((await request.get(`/files/${form.id}/versions`)).status()).toBe(404);
  await page.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast')).toContainText(`Restored ${name}`);
  await expect(libraryItem(page, name)).toHaveCount(1);
  const found = (await (await request.get(`/files?search=${encodeURIComponent(name)}`)).json()) as { files: StoredForm[] };
  expect(found.files).toHaveLength(1);
  // the same form came back, not a copy: its id, its newest text and both versions
  expect(found.files[0]).toMatchObject({ id: form.id, name, folder: 'e2e', version: 2 });
  expect((await stored(request, form.id)).content).toBe(alert('Second wording.'));
  // the editor is attached to it again, at version 2, and the history shows both versions
  await expect(page.getByTestId('form-title')).toContainText(name);
  await expect(page.getByTestId('form-version')).toHaveText('v2');
  await expect(page.getByTestId('form-dirty')).toHaveCount(0);
  await page.getByTestId('form-history').click();
  await expect(page.getByTestId('history-item')).toHaveCount(2);
  await expect(page.locator('[data-testid="history-item"][data-version="2"]')).toContainText('second wording');
  await page.locator('[data-testid="history-item"][data-version="1"]').getByTestId('history-restore').click();
  await expect(page.getByTestId('form-version')).toHaveText('v3');
  await expectEditorText(page, alert('Delete me, then undo.'));
  await page.getByTestId('form-history').click();

  // a new form takes the name of a deleted one: the undo is refused with the reason, nothing changes
  await page.getByTestId('form-delete').click();
  await expect(page.getByTestId('toast')).toContainText(`Deleted ${name}`);
  const taker = await createForm(request, name, alert('I took the name.'));
  await page.getByTestId('toast-action').click();
  await expect(page.getByTestId('library-error')).toContainText('409 Name Taken');
  await expect(page.getByTestId('library-error')).toContainText('took that name after the delete');
  expect((await request.get(`/files/${form.id}`)).status()).toBe(404);
  expect((await stored(request, taker.id)).content).toBe(alert('I took the name.'));
  await page.getByTestId('library-error').getByRole('button').click();
  // with the newcomer renamed, the undelete goes through (over the route)
  expect((await request.put(`/files/${taker.id}`, { data: { name: unique('taker') } })).status()).toBe(200);
  expect((await request.post(`/files/${form.id}/undelete`)).status()).toBe(200);
  await page.reload();
  await openFromLibrary(page, name);
  await expect(page.getByTestId('form-version')).toHaveText('v3');

  const renamed = unique('renamed');
  await page.getByTestId('form-rename').click();
  await page.getByTestId('form-name').fill(renamed);
  await page.getByTestId('form-name-submit').click();
  await expect(page.getByTestId('form-title')).toContainText(renamed);
  await page.getByTestId('library-search').fill(renamed);
  await expect(libraryItem(page, renamed)).toHaveCount(1);
  expect((await stored(request, form.id)).name).toBe(renamed);

  // a name the store refuses: the route's error is shown in the dialog, nothing changes
  await page.getByTestId('form-rename').click();
  await page.getByTestId('form-name').fill('a/b');
  await page.getByTestId('form-name-submit').click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('400');
  await page.keyboard.press('Escape');
  expect((await stored(request, form.id)).name).toBe(renamed);
});

test('names are text, and opening another form over unsaved text asks first', async ({ page, request }) => {
  const html = unique('<img src=x onerror=alert(1)>');
  const keep = await createForm(request, html, alert('An HTML-looking name.'));
  const other = unique('other');
  await createForm(request, other, alert('The other form.'));
  await page.goto('/');
  await openFromLibrary(page, html);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await setEditorText(page, alert('Unsaved words.'));

  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('library-search').fill(other);
  await libraryItem(page, other).getByTestId('library-open').click();
  await expect(page.getByTestId('form-title')).toContainText(html);
  await expectEditorText(page, alert('Unsaved words.'));

  page.once('dialog', (d) => void d.accept());
  await libraryItem(page, other).getByTestId('library-open').click();
  await expect(page.getByTestId('form-title')).toContainText(other);
  await expectEditorText(page, alert('The other form.'));
  expect((await stored(request, keep.id)).content).toBe(alert('An HTML-looking name.'));

  // leaving with unsaved text asks (beforeunload); with the saved text it does not
  await setEditorText(page, alert('Unsaved again.'));
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
});

test('leaving with the saved text does not ask', async ({ page, request }) => {
  const name = unique('clean');
  await createForm(request, name, alert('Saved and unchanged.'));
  await page.goto('/');
  await openFromLibrary(page, name);
  await setEditorText(page, alert('Saved and unchanged.'));
  let asked = false;
  page.on('dialog', (d) => {
    asked = true;
    void d.accept();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toBe(false);
});

test('a template: fields for its placeholders and the rendered text', async ({ page }) => {
  await page.goto('/');
  await setEditorText(page, 'uni_start_stream <00x>\n  async_alert <info, "Hello {{USER_NAME}}">\nuni_end_stream <00x>\n');
  await page.getByTestId('form-variables').click();
  await page.getByTestId('variable-USER_NAME').fill('Ann "the" Admin');
  await expect(page.getByTestId('rendered')).toContainText('Hello Ann \\x22the\\x22 Admin');
});

const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`library screenshots, ${size.name}, ${scheme}`, async ({ page, request }) => {
      const name = unique(`shot-${size.name}-${scheme}`);
      const form = await createForm(request, name, alert('Version one.'), 'e2e/screens');
      await request.put(`/files/${form.id}`, { data: { content: alert('Version two.'), base_version: 1, message: 'second wording' } });
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/');
      if (size.name === 'phone') await page.getByTestId('library-toggle').click();
      await openFromLibrary(page, name);
      await page.getByTestId('form-history').click();
      await page.getByTestId('diff-show').click();
      await expect(page.getByTestId('diff-view')).toBeVisible();
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, 'page wider than the viewport').toBeLessThanOrEqual(client);
      await page.screenshot({ path: path.join(ARTIFACTS, `library-${size.name}-${scheme}.png`), fullPage: true });
      // the panel folds away (and stays folded on reload) to give the editor and the binary the width
      await page.getByTestId('library-toggle').click();
      await expect(page.getByTestId('library-panel')).toBeHidden();
      await page.reload();
      await expect(page.getByTestId('form-title')).toContainText(name);
      await expect(page.getByTestId('library-panel')).toBeHidden();
      await page.getByTestId('library-toggle').click();
      await expect(page.getByTestId('library-panel')).toBeVisible();
    });
  }
}
