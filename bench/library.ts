/**
 * npm run bench:library — the workbench library's latencies, written to the library section
 * of docs/BENCHMARKS.md (and printed): save (a new version over the newest) and open (newest source) on
 * SQLite and on PostgreSQL, each holding 10^4 forms of corpus sizes; then render + compile
 * of a template per request. One client, sequential requests, after a warm-up.
 * PostgreSQL is a throwaway local cluster on 127.0.0.1 with fsync on, like SQLite's
 * synchronous=FULL, so both pay for durable commits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compile } from '@/lib/fdo';
import { openPostgresLibrary } from '@/lib/library/postgres';
import type { LibraryRepository } from '@/lib/library/repository';
import { openSqliteLibrary } from '@/lib/library/sqlite';
import { renderTemplate } from '@/lib/library/templates';
import { findPostgresBin, startPostgres } from '../test/library/support/postgres';
import { machineLine, table, writeSection } from './support/report';

const FORMS = 10_000;
const SAVES = 2_000;
const OPENS = 2_000;
const RENDERS = 2_000;

const corpusDir = path.resolve(__dirname, '..', 'test', 'corpus', 'samples');
const sources = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(corpusDir, f), 'latin1'));

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(times: number[]): { p50: string; p99: string; mean: string } {
  const s = [...times].sort((a, b) => a - b);
  return { p50: pct(s, 50).toFixed(2), p99: pct(s, 99).toFixed(2), mean: (s.reduce((a, b) => a + b, 0) / s.length).toFixed(2) };
}

async function measure(repo: LibraryRepository, label: string): Promise<string[][]> {
  const t0 = Date.now();
  const batch = 500;
  const ids: number[] = [];
  for (let i = 0; i < FORMS; i += batch) {
    const forms = Array.from({ length: Math.min(batch, FORMS - i) }, (_, j) => ({
      name: `form ${i + j}`,
      folder: `f${(i + j) % 20}`,
      content: sources[(i + j) % sources.length]!,
    }));
    for (const f of await repo.importForms(forms)) ids.push(f.id);
  }
  console.error(`${label}: ${FORMS} forms seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const heads = new Map<number, number>(ids.map((id) => [id, 1]));
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
  const save = async () => {
    const id = pick();
    const content = `${sources[Math.floor(Math.random() * sources.length)]!}\n`;
    const t = performance.now();
    const f = await repo.update(id, { content, base_version: heads.get(id)!, message: 'bench' });
    const ms = performance.now() - t;
    heads.set(id, f.version);
    return ms;
  };
  const open = async () => {
    const t = performance.now();
    await repo.get(pick());
    return performance.now() - t;
  };
  for (let i = 0; i < 200; i++) {
    await save();
    await open();
  }
  const saves: number[] = [];
  const opens: number[] = [];
  for (let i = 0; i < Math.max(SAVES, OPENS); i++) {
    if (i < SAVES) saves.push(await save());
    if (i < OPENS) opens.push(await open());
  }
  const s = summary(saves);
  const o = summary(opens);
  return [
    [label, 'save', s.p50, s.p99, s.mean, String(SAVES)],
    [label, 'open', o.p50, o.p99, o.mean, String(OPENS)],
  ];
}

function renderCompile(): string[] {
  const original = sources.find((s) => /mat_title <"[^"\\]*">/.test(s))!;
  const template = original.replace(/mat_title <"[^"\\]*">/, 'mat_title <"Welcome, {{SCREEN_NAME}}">');
  const times: number[] = [];
  for (let i = 0; i < RENDERS + 200; i++) {
    const t = performance.now();
    const out = renderTemplate(template, { SCREEN_NAME: `Guest "${i}"\r\n` });
    compile(out.output);
    if (i >= 200) times.push(performance.now() - t);
  }
  const r = summary(times);
  return ['in process', `render+compile (${template.length} B template)`, r.p50, r.p99, r.mean, String(RENDERS)];
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-bench-lib-'));
  try {
    const sqlite = await openSqliteLibrary(dir);
    try {
      rows.push(...(await measure(sqlite, 'SQLite (WAL, synchronous=FULL)')));
    } finally {
      await sqlite.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (findPostgresBin()) {
    const server = await startPostgres({ durable: true });
    try {
      const pg = await openPostgresLibrary(await server.newDatabase());
      try {
        rows.push(...(await measure(pg, 'PostgreSQL (local, fsync on)')));
      } finally {
        await pg.close();
      }
    } finally {
      await server.stop();
    }
  } else {
    console.error('PostgreSQL binaries not found: its rows are left out');
  }
  rows.push(renderCompile());
  const md = [
    '## Library (`npm run bench:library`)',
    '',
    `${machineLine()}, load average ${os.loadavg()[0]!.toFixed(1)} at the end; ${FORMS} forms of corpus sizes (${sources.length} samples), one sequential client, ${SAVES} saves and ${OPENS} opens interleaved after 200 of each as a warm-up.`,
    '',
    table(['store', 'operation', 'p50 ms', 'p99 ms', 'mean ms', 'requests'], rows),
    '',
    'Targets (issue 10): save p99 ≤ 10 ms on SQLite, open p99 ≤ 5 ms. Every save is durable when answered:',
    'SQLite runs with synchronous=FULL, PostgreSQL with fsync on. Wall-clock times: run it on a quiet machine.',
  ].join('\n');
  writeSection('library', md);
  console.log(md);
  console.log('\nwrote the library section of docs/BENCHMARKS.md');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
