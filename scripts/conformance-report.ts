/**
 * Tallies and writes the differential harness's results (scripts/conformance.ts): the
 * exact-match rate per direction over the kept pairs, why pairs were dropped, and every
 * differing case as files in the output folder, for reading side by side.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DropReason, Outcome } from './conformance-pairs';

export type Direction = 'compile' | 'decompile' | 'decompile-compact';

export interface Tally {
  direction: Direction;
  generated: number;
  kept: number;
  exact: number;
  dropped: Partial<Record<DropReason, number>>;
  differing: string[];
  /** compact-style streams: kept pairs whose engine text compiles to the FULL form of the same atoms */
  agreeing: number;
  /** compile variants: differing counts by kind of hand-written change */
  differingByKind: Record<string, number>;
}

export function newTally(direction: Direction): Tally {
  return { direction, generated: 0, kept: 0, exact: 0, dropped: {}, differing: [], agreeing: 0, differingByKind: {} };
}

export function rate(t: Tally): number {
  return t.kept === 0 ? 0 : (100 * t.exact) / t.kept;
}

/** A file name for a case name such as `extended/test_0001#17`. */
function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

export interface CaseInput {
  name: string;
  input: Buffer;
  /** compile variants: the kinds of change; mutants: the edits */
  notes: string[];
}

/**
 * Counts one outcome; a differing case is written to DIR/DIRECTION/ as NAME.input.*,
 * NAME.engine.*, NAME.ours.* (or NAME.ours-error.txt) and NAME.notes.txt.
 */
export function record(t: Tally, outDir: string, item: CaseInput, outcome: Outcome): void {
  t.generated++;
  if (outcome.kind === 'dropped') {
    t.dropped[outcome.reason] = (t.dropped[outcome.reason] ?? 0) + 1;
    return;
  }
  t.kept++;
  if (outcome.agrees === true) t.agreeing++;
  if (outcome.kind === 'exact') {
    t.exact++;
    return;
  }
  t.differing.push(item.name);
  if (t.direction === 'compile') for (const kind of item.notes) t.differingByKind[kind] = (t.differingByKind[kind] ?? 0) + 1;
  const dir = path.join(outDir, t.direction);
  fs.mkdirSync(dir, { recursive: true });
  const stem = path.join(dir, fileStem(item.name));
  const [inExt, outExt] = t.direction === 'compile' ? ['txt', 'bin'] : ['bin', 'txt'];
  // the case names hold `#`, `~` or `%` by direction, so the folders never share a file
  fs.writeFileSync(`${stem}.input.${inExt}`, item.input);
  fs.writeFileSync(`${stem}.engine.${outExt}`, outcome.engine);
  if (outcome.ours !== undefined) fs.writeFileSync(`${stem}.ours.${outExt}`, outcome.ours);
  if (outcome.ourError !== undefined) fs.writeFileSync(`${stem}.ours-error.txt`, `${outcome.ourError}\n`);
  fs.writeFileSync(`${stem}.notes.txt`, `${item.notes.join('\n')}\n`);
}

export function summaryLines(t: Tally): string[] {
  const dropped =
    Object.entries(t.dropped)
      .map(([why, n]) => `${n} ${why}`)
      .join(', ') || 'none';
  const lines = [
    `${t.direction}: ${t.generated} generated, ${t.kept} kept (dropped: ${dropped}), ` +
      `${t.exact} exact = ${rate(t).toFixed(2)} %, ${t.differing.length} differing`,
  ];
  if (t.direction === 'decompile-compact') {
    lines.push(`  engine text compiles to the FULL form of the same atoms (rules 2.4/2.5 as the generator applies them): ${t.agreeing} of ${t.kept}`);
  }
  const kinds = Object.entries(t.differingByKind).sort((a, b) => b[1] - a[1]);
  if (kinds.length > 0) lines.push(`  differing by kind of change: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const name of t.differing.slice(0, 20)) lines.push(`  differs: ${name}`);
  if (t.differing.length > 20) lines.push(`  … and ${t.differing.length - 20} more (all in the output folder)`);
  return lines;
}

export function writeSummary(outDir: string, settings: Record<string, unknown>, tallies: readonly Tally[]): string {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'summary.json');
  const body = { settings, results: tallies.map((t) => ({ ...t, exactRate: Number(rate(t).toFixed(3)) })) };
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}
