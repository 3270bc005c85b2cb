/**
 * npm run bench:editor — the playground's editor in Debian's Chromium, against the
 * production build:
 *  - keystroke -> updated diagnostics and hex view, with a 50 KB form (target p95 <= 50 ms):
 *    from the keydown to the first animation frame after the hex view shows the worker's
 *    answer for that text (and, apart, to the moment the DOM shows it); valid edits (a
 *    letter typed into a string and deleted) and breaking edits (a letter typed into an atom name: an error, then fixed);
 *  - the editor's first paint with that form (target <= 300 ms): navigation start to the
 *    end of the first frame that renders the form's lines in the editor, fresh browser
 *    context each time;
 *  - the page's JavaScript, gzip-compressed (what the browser fetched for `/`, the worker
 *    counted separately), beside today's playground when BENCH_EDITOR_BASELINE names a
 *    built checkout of it (target <= 2x).
 * With BENCH_EDITOR_BASELINE (and BENCH_EDITOR_BASELINE_NAME to label it) the two builds run side by side, their loads and keystroke
 * rounds alternating. Prints the report and writes it as the editor section of
 * docs/BENCHMARKS.md (BENCH_EDITOR_WRITE=0: print only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadCorpus } from '../test/support/corpus';
import { freePortRun } from '../test/support/ports';
import { machineLine, table, writeSection } from './support/report';

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

/**
 * Stores the form where the playground keeps its text, before the page's scripts run, and
 * watches for the editor's first paint: the first animation frame whose DOM holds the
 * form's lines (CodeMirror's, or the old playground's textarea), timed after that frame has
 * rendered (a message posted from the frame's callback runs once its style, layout and
 * paint are done), not at its start.
 */
async function withForm(page: Page, form: string): Promise<void> {
  const stored = JSON.stringify({ state: { source: form, exampleId: null }, version: 0 });
  await page.addInitScript({
    content: `
      sessionStorage.setItem('atomforge-playground', ${JSON.stringify(stored)});
      (function check() {
        const area = document.querySelector('textarea[data-testid="source-editor"]');
        if (document.querySelectorAll('.cm-content .cm-line').length > 20 || (area && area.value.length > 1000)) {
          const frame = performance.now();
          const after = new MessageChannel();
          after.port1.onmessage = () => { window.__editorFrame = frame; window.__editorPaint = performance.now(); performance.mark('editor-first-paint'); };
          after.port2.postMessage(0);
        } else requestAnimationFrame(check);
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

/** One page load's timings, ms from navigation start. */
interface Load {
  /** after the first frame with the form's lines has rendered: the measure */
  editor: number;
  /** the start of that frame */
  frame: number;
  fcp: number;
  /** the HTML's last byte */
  html: number;
  /** the last byte of the last script fetched before that frame */
  scripts: number;
  /** the main thread's tasks over 50 ms before that frame (long tasks), summed */
  longTasks: number;
  /** CPU time of the web server's process during the load (until the paint is read) */
  serverCpu: number;
}

const CLOCK_TICKS = 100;

/** CPU time (user + system) of a process, ms, from /proc */
function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

const LOAD_TIMES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' && e.responseEnd <= window.__editorFrame);
  const long = (window.__longTasks ?? []).filter((t) => t.startTime < window.__editorFrame).reduce((n, t) => n + t.duration, 0);
  return {
    editor: window.__editorPaint,
    frame: window.__editorFrame,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    html: nav.responseEnd,
    scripts: scripts.reduce((m, e) => Math.max(m, e.responseEnd), 0),
    longTasks: long,
  };
})()`;

const WATCH_LONG_TASKS = `window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ startTime: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });`;

async function loadOnce(browser: Browser, app: App, form: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_LONG_TASKS });
    await withForm(page, form);
    const cpu0 = processCpuMs(app.child.pid!);
    await page.goto(`${app.url}/`);
    await untilPainted(page);
    const serverCpu = processCpuMs(app.child.pid!) - cpu0;
    return { ...((await page.evaluate(LOAD_TIMES)) as Omit<Load, 'serverCpu'>), serverCpu };
  } finally {
    await context.close();
  }
}

/**
 * CPU time of the page's renderer before the editor's first paint, from a Chromium trace
 * (thread time, so a loaded machine inflates it less than wall time).
 */
interface RendererCpu {
  /** the main thread, all tasks */
  main: number;
  /** of which evaluating and compiling scripts */
  script: number;
  /** of which style, layout and paint */
  render: number;
  /** the renderer's other threads (workers, compositor, background compile) */
  other: number;
}

const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'ParseAuthorStyleSheet']);
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'CompileScript']);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { isLoadingMainFrame?: boolean; documentLoaderURL?: string } };
}

async function tracedLoad(browser: Browser, app: App, form: string): Promise<RendererCpu> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await withForm(page, form);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
    await page.goto(`${app.url}/`);
    await untilPainted(page);
    const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith('http'));
    const mark = events.find((e) => e.name === 'editor-first-paint' && e.pid === nav?.pid);
    if (!nav || !mark) throw new Error('the trace lacks the navigation or the first-paint mark');
    const cpu: RendererCpu = { main: 0, script: 0, render: 0, other: 0 };
    // tasks, and the events inside the main thread's, that end before the mark (thread time, µs)
    for (const e of events) {
      if (e.pid !== nav.pid || e.ph !== 'X' || e.tdur === undefined || e.ts < nav.ts || e.ts + (e.dur ?? 0) > mark.ts) continue;
      const ms = e.tdur / 1000;
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
        if (e.tid === nav.tid) cpu.main += ms;
        else cpu.other += ms;
      } else if (e.tid === nav.tid && SCRIPT_EVENTS.has(e.name)) cpu.script += ms;
      else if (e.tid === nav.tid && RENDER_EVENTS.has(e.name)) cpu.render += ms;
    }
    return cpu;
  } finally {
    await context.close();
  }
}

/** A traced load, again when the trace came back without its navigation or mark (seen on a loaded machine). */
async function tracedLoadRetried(browser: Browser, app: App, form: string): Promise<RendererCpu> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tracedLoad(browser, app, form);
    } catch (err) {
      if (attempt >= 3) throw err;
      console.error(`bench:editor: traced load ${attempt} failed (${(err as Error).message}); again`);
    }
  }
}

/**
 * First paints of each app, fresh browser context each time, the apps alternating load by
 * load so both see the same machine (the first load of each warms the server's caches and
 * is not counted).
 */
async function firstPaints(browser: Browser, apps: App[], form: string): Promise<{ loads: Load[][]; cpu: RendererCpu[][] }> {
  const loads: Load[][] = apps.map(() => []);
  const cpu: RendererCpu[][] = apps.map(() => []);
  for (let i = 0; i < LOADS + 1; i++) {
    for (const [k, app] of apps.entries()) {
      const load = await loadOnce(browser, app, form);
      if (i > 0) loads[k]!.push(load);
      // a traced load every other round (tracing slows the page: not among the timed loads)
      if (i % 2 === 1) cpu[k]!.push(await tracedLoadRetried(browser, app, form));
    }
  }
  return { loads, cpu };
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

/** [ms to the DOM showing the answer, ms to the next frame after it] */
async function keystroke(page: Page, key: string): Promise<[number, number]> {
  await page.evaluate(ARM);
  await page.keyboard.press(key);
  return (await page.evaluate('window.__latency')) as [number, number];
}

interface Keys {
  valid: number[];
  breaking: number[];
  dom: number[];
  /** the worker's compile of the text (valid edits), as the page reports it */
  compile: number[];
}

/** The compile time the live status shows (`... (12.3 ms in your browser)`). */
async function workerCompileMs(page: Page): Promise<number> {
  const text = (await page.textContent('[data-testid="live-status"][data-ok="true"]')) ?? '';
  const m = /\(([\d.]+) ms in your browser\)/.exec(text);
  if (!m) throw new Error(`the live status shows no compile time: ${text}`);
  return Number(m[1]);
}

/** An editor page with the form, its first compile answered, the caret in the editor; null without the CodeMirror editor. */
async function editorPage(browser: Browser, url: string, form: string): Promise<{ page: Page; close(): Promise<void> } | null> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await withForm(page, form);
  await page.goto(url);
  await untilPainted(page);
  if ((await page.locator('.cm-content').count()) === 0) {
    await context.close();
    return null;
  }
  await page.waitForSelector('[data-testid="live-status"][data-ok="true"]', { timeout: 30_000 });
  const lines = (await page.evaluate(`document.querySelectorAll('.cm-content .cm-line').length`)) as number;
  if (lines < 20) throw new Error('the editor did not show the form');
  await page.locator('.cm-content .cm-line').first().click();
  return { page, close: () => context.close() };
}

/** One round of 4 keystrokes: two valid edits, two that break and fix the text. */
async function keystrokeRound(page: Page, into: Keys): Promise<void> {
  const take = (list: number[], [committed, framed]: [number, number]) => {
    list.push(framed);
    into.dom.push(committed);
  };
  // inside the string of line 1: "bench|" -> type a letter, delete it (both compile)
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  take(into.valid, await keystroke(page, 'y'));
  into.compile.push(await workerCompileMs(page));
  take(into.valid, await keystroke(page, 'Backspace'));
  into.compile.push(await workerCompileMs(page));
  // inside the atom name of line 1: "ma|n_append_data" -> an error, then fixed
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  take(into.breaking, await keystroke(page, 'q'));
  take(into.breaking, await keystroke(page, 'Backspace'));
}

/** Keystrokes on each app's editor, the apps alternating every 4 rounds (16 keystrokes); null for an app without the editor. */
async function keystrokes(browser: Browser, urls: string[], form: string): Promise<(Keys | null)[]> {
  const pages = [];
  for (const url of urls) pages.push(await editorPage(browser, url, form));
  const out = pages.map((p) => (p ? { valid: [], breaking: [], dom: [], compile: [] } : null)) as (Keys | null)[];
  try {
    for (let done = 0; done < KEYSTROKES / 4; done += 4) {
      for (const [k, p] of pages.entries()) {
        if (!p) continue;
        for (let r = done; r < Math.min(done + 4, KEYSTROKES / 4); r++) await keystrokeRound(p.page, out[k]!);
      }
    }
    for (const p of pages) {
      if (!p) continue;
      const ok = await p.page.getAttribute('[data-testid="live-status"]', 'data-ok');
      if (ok !== 'true') throw new Error('the form did not end valid: the edits went wrong');
    }
  } finally {
    for (const p of pages) await p?.close();
  }
  return out;
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
  const baselineDir = process.env.BENCH_EDITOR_BASELINE ? path.resolve(process.env.BENCH_EDITOR_BASELINE) : null;
  const form = fiftyKilobyteForm();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const apps: App[] = [];
  const loadBefore = os.loadavg();
  try {
    apps.push(await startApp(ROOT));
    if (baselineDir) apps.push(await startApp(baselineDir));
    const urls = apps.map((a) => `${a.url}/`);
    const paints = await firstPaints(browser, apps, form);
    const keys = await keystrokes(browser, urls, form);
    const js: JsSize[] = [];
    for (const url of urls) js.push(await pageJs(browser, url));
    const loadAfter = os.loadavg();

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;
    // BENCH_EDITOR_BASELINE_NAME says what the baseline is (a commit, "the textarea playground")
    const names = ['this build', process.env.BENCH_EDITOR_BASELINE_NAME ?? 'baseline'];
    const rows: (string | number)[][] = [];
    const row = (what: string, values: number[], target = '') => {
      const t = summary(values);
      rows.push([what, ms(t.p50), ms(t.p95), ms(t.max), target]);
    };
    for (const [k, name] of names.slice(0, apps.length).entries()) {
      const kk = keys[k];
      const p = paints.loads[k]!;
      const c = paints.cpu[k]!;
      const measures: [string, number[], string?][] = [
        ...(kk
          ? ([
              ['keystroke -> diagnostics + hex, all', [...kk.valid, ...kk.breaking], 'p95 <= 50 ms'],
              ['  valid edits (in a string)', kk.valid],
              ['  breaking edits (in an atom name)', kk.breaking],
              ['  keystroke -> DOM updated (before that frame paints)', kk.dom],
              ["  the worker's compile of the 50 KB text (valid edits)", kk.compile],
            ] as [string, number[], string?][])
          : []),
        ['editor first paint with the form', p.map((l) => l.editor), '<= 300 ms'],
        ['  start of that frame', p.map((l) => l.frame)],
        ['  first contentful paint', p.map((l) => l.fcp)],
        ['  HTML received', p.map((l) => l.html)],
        ['  last script received', p.map((l) => l.scripts)],
        ['  long tasks before that frame (sum)', p.map((l) => l.longTasks)],
        ['  web server CPU for the load', p.map((l) => l.serverCpu)],
        ['  renderer main-thread CPU before the paint (traced loads)', c.map((x) => x.main)],
        ['    of which scripts (evaluate + compile)', c.map((x) => x.script)],
        ['    of which style, layout, paint', c.map((x) => x.render)],
        ["  renderer's other threads' CPU before the paint", c.map((x) => x.other)],
      ];
      for (const [what, values, target] of measures) row(`${name}: ${what}`, values, target);
    }
    const jsRows = js.map((j, k) => [names[k]!, j.files, kb(j.raw), kb(j.gzip), kb(j.workerGzip)]);
    const lines = [
      `Command: \`npm run bench:editor\`${baselineDir ? ' with `BENCH_EDITOR_BASELINE` naming a built checkout of the baseline' : ''} (builds, then \`tsx bench/editor.ts\`).`,
      `${machineLine()}, Chromium ${browser.version()}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${loadAfter
        .map((l) => l.toFixed(1))
        .join(' / ')} after (the machine may be shared: timings rise with it).`,
      '',
      `The app runs as \`npm start\` runs it. Form: ${(form.length / 1024).toFixed(1)} KB of text (sample forms of the corpus). ${KEYSTROKES} keystrokes an app: keydown to the`,
      "first frame after the hex view shows the worker's answer for that text. First paint: navigation start to the end of the first frame whose DOM",
      `holds the form's lines, ${LOADS} loads an app in fresh browser contexts (after one warm-up load)${baselineDir ? ', the apps alternating' : ''}.`,
      '',
      table(['measure', 'p50', 'p95', 'max', 'target'], rows),
      '',
      'Page JavaScript for `/` (what the browser fetched; the live-compile worker apart), gzip -9:',
      '',
      table(['page JS for /', 'files', 'raw', 'gzip -9', 'worker gzip -9'], jsRows),
    ];
    if (js[1])
      lines.push(
        '',
        `Page JS (gzip) is ${(js[0]!.gzip / js[1].gzip).toFixed(2)}x the baseline's (target <= 2x); with the worker ${((js[0]!.gzip + js[0]!.workerGzip) / js[1].gzip).toFixed(2)}x.`,
      );
    else lines.push('', '(set BENCH_EDITOR_BASELINE to a built checkout of the previous playground to compare)');
    const md = `## Editor (\`npm run bench:editor\`)\n\n${lines.join('\n')}\n`;
    console.log(md);
    if (process.env.BENCH_EDITOR_WRITE !== '0') writeSection('editor', md);
  } finally {
    await browser.close();
    for (const a of apps) await stopApp(a);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
