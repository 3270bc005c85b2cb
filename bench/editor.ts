/**
 * npm run bench:editor — the playground's editor in Debian's Chromium, against the
 * production build:
 *  - keystroke -> updated diagnostics and hex view, with a 50 KB form (target p95 <= 50 ms):
 *    from the keydown to the first animation frame after the hex view shows the worker's
 *    answer for that text (and, apart, to the moment the DOM shows it); valid edits (a letter typed into a string and deleted) and
 *    breaking edits (a letter typed into an atom name: an error, then fixed);
 *  - the editor's first paint with that form (target <= 300 ms): navigation start to the
 *    first animation frame with the form's lines in the editor, fresh browser context
 *    each time;
 *  - the page's JavaScript, gzip-compressed (what the browser fetched for `/`, the worker
 *    counted separately), beside today's playground when BENCH_EDITOR_BASELINE names a
 *    built checkout of it (target <= 2x).
 * Prints a report; it does not write docs/BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadCorpus } from '../test/support/corpus';
import { freePortRun } from '../test/support/ports';
import { machineLine, table } from './support/report';

const ROOT = path.resolve(__dirname, '..');
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 60);
const LOADS = Number(process.env.BENCH_LOADS ?? 10);
const FORM_BYTES = 50 * 1024;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A valid form of at least 50 KB: a short string atom first (the edits go there), then sample forms. */
function fiftyKilobyteForm(): string {
  let text = 'man_append_data <"bench">\n';
  for (const pair of loadCorpus('samples')) {
    if (text.length >= FORM_BYTES) break;
    text += pair.text;
  }
  return text;
}

// ---------------------------------------------------------------------------------------
// the app under test: `npm start`'s launcher in single mode on free loopback ports

interface App {
  url: string;
  child: ChildProcess;
}

async function startApp(home: string): Promise<App> {
  const base = await freePortRun(2);
  const url = `http://127.0.0.1:${base + 1}`;
  // the command line of `npm start` (package.json), without npm itself in between
  const child = spawn(process.execPath, ['--single-threaded-gc', '--max-semi-space-size=4', path.join(home, 'scripts', 'start.cjs')], {
    cwd: home,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(base + 1),
      HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      ATOMFORGE_HOME: home,
      FDO_DAEMON_POOL_ENABLED: 'false',
      FDO_DAEMON_PORT: String(base),
      LOG_LEVEL: 'warn',
      FDO_DAEMON_POOL_ROOT: fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-bench-editor-')),
    },
  });
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the app in ${home} exited during start-up`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return { url, child };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app in ${home} did not become healthy`);
}

async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode !== null) return;
  const gone = new Promise((r) => app.child.once('exit', r));
  try {
    process.kill(-app.child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-app.child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 8000);
  await gone;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------
// measurements

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]): { p50: number; p95: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? NaN };
}

// Scripts for the page are strings: tsx compiles this file with helpers (__name) that
// functions handed to page.evaluate would carry into the page, where they do not exist.

/** Stores the form where the playground keeps its text, before the page's scripts run. */
async function withForm(page: Page, form: string): Promise<void> {
  const stored = JSON.stringify({ state: { source: form, exampleId: null }, version: 0 });
  await page.addInitScript({
    content: `
      sessionStorage.setItem('atomforge-playground', ${JSON.stringify(stored)});
      (function check() {
        const area = document.querySelector('textarea[data-testid="source-editor"]');
        if (document.querySelectorAll('.cm-content .cm-line').length > 20 || (area && area.value.length > 1000)) window.__editorPaint = performance.now();
        else requestAnimationFrame(check);
      })();`,
  });
}

/**
 * Waits for the editor's first paint. Polled in a page.evaluate (Runtime.evaluate, which
 * the page's CSP does not govern): waitForFunction compiles its predicate with
 * `new Function`, which the production CSP (no 'unsafe-eval') refuses.
 */
async function untilPainted(page: Page): Promise<void> {
  const ok = (await page.evaluate(`new Promise((resolve) => {
    const end = performance.now() + 30000;
    (function poll() {
      if (window.__editorPaint !== undefined) resolve(true);
      else if (performance.now() > end) resolve(false);
      else setTimeout(poll, 20);
    })();
  })`)) as boolean;
  if (!ok) throw new Error('the editor did not show the form within 30 s');
}

async function firstPaints(browser: Browser, url: string, form: string): Promise<{ editor: number[]; fcp: number[] }> {
  const editor: number[] = [];
  const fcp: number[] = [];
  for (let i = 0; i < LOADS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await withForm(page, form);
    await page.goto(url);
    await untilPainted(page);
    const t = (await page.evaluate(`({ editor: window.__editorPaint, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN })`)) as {
      editor: number;
      fcp: number;
    };
    // the first load warms the server's caches; it is not counted
    if (i > 0) {
      editor.push(t.editor);
      fcp.push(t.fcp);
    }
    await context.close();
  }
  return { editor, fcp };
}

/** Arms a one-shot timer: keydown -> the frame after the hex view's next answer. */
const ARM = `(() => {
  const hex = document.querySelector('[data-testid="hex-dump"]');
  window.__latency = new Promise((resolve) => {
    let t0 = NaN;
    const onKey = () => { t0 = performance.now(); window.removeEventListener('keydown', onKey, true); };
    window.addEventListener('keydown', onKey, true);
    const seen = hex.getAttribute('data-version');
    const obs = new MutationObserver(() => {
      if (hex.getAttribute('data-version') === seen || Number.isNaN(t0)) return;
      obs.disconnect();
      const committed = performance.now() - t0;
      requestAnimationFrame(() => resolve([committed, performance.now() - t0]));
    });
    obs.observe(hex, { attributes: true, attributeFilter: ['data-version'] });
  });
})()`;

async function arm(page: Page): Promise<void> {
  await page.evaluate(ARM);
}

/** [ms to the DOM showing the answer, ms to the next frame after it] */
async function keystroke(page: Page, key: string): Promise<[number, number]> {
  await arm(page);
  await page.keyboard.press(key);
  return (await page.evaluate('window.__latency')) as [number, number];
}

async function keystrokes(browser: Browser, url: string, form: string): Promise<{ valid: number[]; breaking: number[]; dom: number[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await withForm(page, form);
  await page.goto(url);
  await page.waitForSelector('[data-testid="live-status"][data-ok="true"]', { timeout: 30_000 });
  const lines = (await page.evaluate(`document.querySelectorAll('.cm-content .cm-line').length`)) as number;
  if (lines < 20) throw new Error('the editor did not show the form');
  await page.locator('.cm-content .cm-line').first().click();
  const valid: number[] = [];
  const breaking: number[] = [];
  const dom: number[] = [];
  const take = (into: number[], [committed, framed]: [number, number]) => {
    into.push(framed);
    dom.push(committed);
  };
  for (let i = 0; i < KEYSTROKES / 4; i++) {
    // inside the string of line 1: "bench|" -> type a letter, delete it (both compile)
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    take(valid, await keystroke(page, 'y'));
    take(valid, await keystroke(page, 'Backspace'));
    // inside the atom name of line 1: "ma|n_append_data" -> an error, then fixed
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    take(breaking, await keystroke(page, 'q'));
    take(breaking, await keystroke(page, 'Backspace'));
  }
  const ok = await page.getAttribute('[data-testid="live-status"]', 'data-ok');
  if (ok !== 'true') throw new Error('the form did not end valid: the edits went wrong');
  await context.close();
  return { valid, breaking, dom };
}

interface JsSize {
  files: number;
  raw: number;
  gzip: number;
  workerGzip: number;
}

async function pageJs(browser: Browser, url: string): Promise<JsSize> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = new Map<string, Promise<Buffer>>();
  const workers: import('@playwright/test').Worker[] = [];
  page.on('worker', (w) => workers.push(w));
  context.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('.js') && r.status() === 200) bodies.set(r.url(), r.body());
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  // what the workers loaded (their bootstrap and the chunks it imports) is counted apart
  const workerUrls = new Set<string>();
  for (const w of workers) {
    workerUrls.add(w.url());
    for (const u of (await w.evaluate(`performance.getEntriesByType('resource').map((e) => e.name)`)) as string[]) workerUrls.add(u);
  }
  let raw = 0;
  let gzip = 0;
  let workerGzip = 0;
  for (const [u, body] of bodies) {
    const b = await body;
    const z = zlib.gzipSync(b, { level: 9 }).length;
    if (workerUrls.has(u)) workerGzip += z;
    else {
      raw += b.length;
      gzip += z;
    }
  }
  await context.close();
  return { files: [...bodies.keys()].filter((u) => !workerUrls.has(u)).length, raw, gzip, workerGzip };
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  for (const built of ['.next/BUILD_ID', 'dist/web-server.js'])
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`no production build (${built}): run npm run build`);
  const form = fiftyKilobyteForm();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const apps: App[] = [];
  try {
    const app = await startApp(ROOT);
    apps.push(app);
    const paints = await firstPaints(browser, `${app.url}/`, form);
    const keys = await keystrokes(browser, `${app.url}/`, form);
    const js = await pageJs(browser, `${app.url}/`);
    let baseline: JsSize | null = null;
    let baselinePaint: { p50: number; p95: number; max: number } | null = null;
    const baselineDir = process.env.BENCH_EDITOR_BASELINE;
    if (baselineDir) {
      const old = await startApp(path.resolve(baselineDir));
      apps.push(old);
      baseline = await pageJs(browser, `${old.url}/`);
      baselinePaint = summary((await firstPaints(browser, `${old.url}/`, form)).editor);
    }
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;
    const all = summary([...keys.valid, ...keys.breaking]);
    const valid = summary(keys.valid);
    const breaking = summary(keys.breaking);
    const dom = summary(keys.dom);
    const editor = summary(paints.editor);
    const fcp = summary(paints.fcp);
    console.log(
      `bench:editor — ${machineLine()}, Chromium ${browser.version()}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} (timings on a shared machine rise with it)`,
    );
    console.log(
      `form: ${(form.length / 1024).toFixed(1)} KB of text; ${keys.valid.length + keys.breaking.length} keystrokes; ${paints.editor.length} page loads\n`,
    );
    console.log(
      table(
        ['measure', 'p50', 'p95', 'max', 'target'],
        [
          ['keystroke -> diagnostics + hex, all', ms(all.p50), ms(all.p95), ms(all.max), 'p95 <= 50 ms'],
          ['  valid edits (in a string)', ms(valid.p50), ms(valid.p95), ms(valid.max), ''],
          ['  breaking edits (in an atom name)', ms(breaking.p50), ms(breaking.p95), ms(breaking.max), ''],
          ['keystroke -> DOM updated (before that frame paints)', ms(dom.p50), ms(dom.p95), ms(dom.max), ''],
          ['editor first paint with the form', ms(editor.p50), ms(editor.p95), ms(editor.max), '<= 300 ms'],
          ['first contentful paint', ms(fcp.p50), ms(fcp.p95), ms(fcp.max), ''],
          ...(baselinePaint
            ? [['baseline (textarea) first paint with the form', ms(baselinePaint.p50), ms(baselinePaint.p95), ms(baselinePaint.max), '']]
            : []),
        ],
      ),
    );
    console.log('');
    const rows: (string | number)[][] = [['this build', js.files, kb(js.raw), kb(js.gzip), kb(js.workerGzip)]];
    if (baseline) rows.push(['baseline', baseline.files, kb(baseline.raw), kb(baseline.gzip), kb(baseline.workerGzip)]);
    console.log(table(['page JS for /', 'files', 'raw', 'gzip -9', 'worker gzip -9'], rows));
    if (baseline)
      console.log(
        `\npage JS (gzip) is ${(js.gzip / baseline.gzip).toFixed(2)}x the baseline's (target <= 2x); with the worker ${((js.gzip + js.workerGzip) / baseline.gzip).toFixed(2)}x`,
      );
    else console.log('\n(set BENCH_EDITOR_BASELINE to a built checkout of the previous playground to compare)');
  } finally {
    await browser.close();
    for (const a of apps) await stopApp(a);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
