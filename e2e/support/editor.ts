/** Helpers for tests of the CodeMirror editor: read its text, replace it, find a line. */
import { expect, type Page } from '@playwright/test';

/** The editor's text, as the playground stores it (sessionStorage), which it writes on every change. */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const raw = sessionStorage.getItem('atomforge-playground');
    return raw ? (JSON.parse(raw) as { state: { source: string } }).state.source : '';
  });
}

export async function expectEditorText(page: Page, text: string): Promise<void> {
  await expect.poll(() => editorText(page)).toBe(text);
}

/** Replaces the whole text the way a paste would. */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const content = page.getByTestId('source-editor');
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.insertText(text);
  await expectEditorText(page, text);
}

/** The rendered .cm-line of a 1-based line (the line must be in view). */
export function editorLine(page: Page, line: number) {
  return page.locator('.cm-content .cm-line').nth(line - 1);
}
