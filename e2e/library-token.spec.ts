/**
 * The playground on a server with ATOMFORGE_LIBRARY_TOKEN set: the first change asks for
 * the token (a wrong one is refused and asked for again), then every change carries it
 * without asking (save, delete, undo); cancelling the prompt says what the token is for;
 * a change the server refuses as cross-site reads as a 403 with the server's reason.
 */
import { expect, test, type Page } from '@playwright/test';
import { startServer, stopServer, type ServerState } from './support/server';
import { setEditorText } from './support/editor';

const LIBRARY_TOKEN = 'e2e-library-token';
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const text = (words: string) => `uni_start_stream <00x>\n  async_alert <info, "${words}">\nuni_end_stream <00x>\n`;

let server: ServerState;
test.beforeAll(async () => {
  server = await startServer({ name: 'e2e-library-token', poolSize: 1, env: { ATOMFORGE_LIBRARY_TOKEN: LIBRARY_TOKEN } });
});
test.afterAll(async () => stopServer('e2e-library-token'));

async function giveToken(page: Page, token: string, reason: string): Promise<void> {
  await expect(page.getByTestId('library-token-input-reason')).toContainText(reason);
  await page.getByTestId('library-token-input').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
}

/** what the server received: the Authorization header of each change to /files */
function watchChanges(page: Page): (string | null)[] {
  const seen: (string | null)[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/files') && r.method() !== 'GET') seen.push(r.headers()['authorization'] ?? null);
  });
  return seen;
}

test('asks for the library token on the first change, then sends it with every change', async ({ page, request }) => {
  const name = unique('guarded');
  const sent = watchChanges(page);
  await page.goto(`${server.baseURL}/`);
  await setEditorText(page, text('First.'));
  await page.keyboard.press('Control+S');
  await page.getByTestId('form-name').fill(name);
  await page.getByTestId('form-name-submit').click();
  await giveToken(page, 'not-the-token', 'needs the token the operator set on the server (ATOMFORGE_LIBRARY_TOKEN)');
  await giveToken(page, LIBRARY_TOKEN, 'The server refused that token');
  await expect(page.getByTestId('form-version')).toHaveText('v1');
  expect(sent).toEqual([null, 'Bearer not-the-token', `Bearer ${LIBRARY_TOKEN}`]);

  // the kept token goes with a save, a delete and the undo: nothing is asked again
  await setEditorText(page, text('Second.'));
  await page.keyboard.press('Control+S');
  await expect(page.getByTestId('form-version')).toHaveText('v2');
  await page.getByTestId('form-delete').click();
  await expect(page.getByTestId('toast')).toContainText(`Deleted ${name}`);
  await page.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast')).toContainText(`Restored ${name}`);
  await expect(page.getByTestId('form-version')).toHaveText('v2');
  expect(sent.slice(3)).toEqual([`Bearer ${LIBRARY_TOKEN}`, `Bearer ${LIBRARY_TOKEN}`, `Bearer ${LIBRARY_TOKEN}`]);
  await expect(page.getByTestId('library-token-input')).toHaveCount(0);

  // reads never needed it; the server holds both versions
  const found = (await (await request.get(`${server.baseURL}/files?search=${encodeURIComponent(name)}`)).json()) as { files: { id: number }[] };
  const versions = (await (await request.get(`${server.baseURL}/files/${found.files[0]!.id}/versions`)).json()) as { versions: unknown[] };
  expect(versions.versions).toHaveLength(2);
});

test('cancelling the prompt says the change needs the token; a cross-site refusal reads as 403', async ({ page, request }) => {
  const name = unique('refused');
  const made = await request.post(`${server.baseURL}/files`, {
    data: { name, folder: 'e2e', content: text('Made with the token.') },
    headers: { Authorization: `Bearer ${LIBRARY_TOKEN}` },
  });
  expect(made.status()).toBe(201);
  await page.goto(`${server.baseURL}/`);
  await page.getByTestId('library-search').fill(name);
  const item = page.getByTestId('library-item').filter({ hasText: name });
  await item.getByTestId('library-open').click();
  await expect(page.getByTestId('form-title')).toContainText(name);

  await page.getByTestId('form-favorite').click();
  await expect(page.getByTestId('library-token-input')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('library-error')).toContainText(
    '401 Unauthorized: changing the library needs the token the operator set (ATOMFORGE_LIBRARY_TOKEN)',
  );

  // a change the server takes for another site's is refused (before any token is looked at) with its reason, and no token is asked for
  // (the browser does not let a page change Origin: the request is sent on from the test, marked as another site's)
  await page.route('**/files/*/favorite', async (route) => {
    const response = await route.fetch({ headers: { ...route.request().headers(), origin: 'https://elsewhere.example' } });
    await route.fulfill({ response });
  });
  await page.getByTestId('form-favorite').click();
  await expect(page.getByTestId('library-error')).toContainText(
    '403 Forbidden: the library refused this change: the library does not accept changes from other sites',
  );
  await expect(page.getByTestId('library-token-input')).toHaveCount(0);
});
