/**
 * Differential conformance harness (issue 13): our codec against an FDO engine.
 *
 *   npm run conformance -- --engine http://127.0.0.1:PORT [--seed N] [--texts N]
 *       [--binaries N] [--compact N] [--corpus DIR] [--out DIR] [--concurrency N] [--fail-under PCT]
 *   npm run conformance -- --self-check ...     (against our own daemon, no engine needed)
 *
 * From a seed it generates hand-written variants of the corpus texts
 * (scripts/conformance-variants.ts), mutants of the corpus binaries and the corpus binaries
 * re-encoded in compact styles (scripts/conformance-mutants.ts), asks the engine, keeps the pairs the engine answers
 * reliably (scripts/conformance-pairs.ts), and reports our exact-match rate per direction,
 * writing every differing case to the output folder. A tool, not part of `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { httpEngine, startOwnDaemon, type Engine, type OwnDaemon } from './conformance-engine';
import { binaryMutants, compactMutants, type SourceBinary } from './conformance-mutants';
import { checkCompactDecompile, checkCompile, checkDecompile, type Outcome } from './conformance-pairs';
import { newTally, rate, record, summaryLines, writeSummary, type CaseInput, type Tally } from './conformance-report';
import { textVariants, type SourceText } from './conformance-variants';

const REPO_ROOT = path.resolve(__dirname, '..');

interface Settings {
  engine: string | undefined;
  selfCheck: boolean;
  seed: number;
  texts: number;
  binaries: number;
  compact: number;
  corpus: string;
  out: string;
  concurrency: number;
  failUnder: number | undefined;
}

const USAGE = `usage: npm run conformance -- (--engine http://127.0.0.1:PORT | --self-check)
  [--seed N] [--texts N (4000)] [--binaries N (1500)] [--compact N (1500)] [--corpus DIR (test/corpus)]
  [--out DIR (conformance-out)] [--concurrency N (4)] [--fail-under PERCENT]`;

function parseArgs(argv: readonly string[]): Settings {
  const s: Settings = {
    engine: undefined,
    selfCheck: false,
    seed: 1,
    texts: 4000,
    binaries: 1500,
    compact: 1500,
    corpus: path.join(REPO_ROOT, 'test', 'corpus'),
    out: path.resolve('conformance-out'),
    concurrency: 4,
    failUnder: undefined,
  };
  const count = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--engine':
        s.engine = value;
        i++;
        break;
      case '--self-check':
        s.selfCheck = true;
        break;
      case '--seed':
        s.seed = count(flag, value, 0);
        i++;
        break;
      case '--texts':
        s.texts = count(flag, value, 0);
        i++;
        break;
      case '--binaries':
        s.binaries = count(flag, value, 0);
        i++;
        break;
      case '--compact':
        s.compact = count(flag, value, 0);
        i++;
        break;
      case '--concurrency':
        s.concurrency = count(flag, value, 1);
        i++;
        break;
      case '--fail-under': {
        const n = Number(value);
        if (!(n >= 0 && n <= 100)) throw new Error('--fail-under needs a percentage 0-100');
        s.failUnder = n;
        i++;
        break;
      }
      case '--corpus':
        if (value === undefined) throw new Error('--corpus needs a folder');
        s.corpus = path.resolve(value);
        i++;
        break;
      case '--out':
        if (value === undefined) throw new Error('--out needs a folder');
        s.out = path.resolve(value);
        i++;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  if ((s.engine === undefined) === !s.selfCheck) throw new Error('give either --engine URL or --self-check');
  return s;
}

/** NAME.bin + NAME.txt pairs in the corpus folder and its sub-folders (one level), sorted. */
function loadPairs(root: string): { texts: SourceText[]; binaries: SourceBinary[] } {
  const texts: SourceText[] = [];
  const binaries: SourceBinary[] = [];
  const dirs = [
    root,
    ...fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => path.join(root, d.name)),
  ];
  for (const dir of dirs.sort()) {
    const set = path.relative(root, dir) || '.';
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .sort()) {
      const stem = file.slice(0, -4);
      const textFile = path.join(dir, `${stem}.txt`);
      if (!fs.existsSync(textFile)) continue;
      const name = `${set}/${stem}`;
      texts.push({ name, text: fs.readFileSync(textFile).toString('latin1') });
      binaries.push({ name, binary: new Uint8Array(fs.readFileSync(path.join(dir, file))) });
    }
  }
  return { texts, binaries };
}

/** Runs `work` over the items, `concurrency` at a time, in order of the items. */
async function forEachLimited<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

async function runDirection(
  tally: Tally,
  out: string,
  items: readonly CaseInput[],
  concurrency: number,
  check: (input: Buffer, name: string) => Promise<Outcome>,
): Promise<void> {
  let done = 0;
  await forEachLimited(items, concurrency, async (item) => {
    let outcome: Outcome;
    try {
      outcome = await check(item.input, item.name);
    } catch (error) {
      outcome = { kind: 'dropped', reason: 'transport error', detail: error instanceof Error ? error.message : String(error) };
    }
    record(tally, out, item, outcome);
    if (++done % 500 === 0) process.stderr.write(`  ${tally.direction}: ${done}/${items.length}\n`);
  });
}

async function main(): Promise<number> {
  const settings = parseArgs(process.argv.slice(2));
  const { texts, binaries } = loadPairs(settings.corpus);
  if (texts.length === 0) throw new Error(`no NAME.bin + NAME.txt pairs in ${settings.corpus}`);
  let daemon: OwnDaemon | undefined;
  let engine: Engine;
  if (settings.selfCheck) {
    daemon = await startOwnDaemon(REPO_ROOT);
    engine = httpEngine(daemon.url);
    console.log(`self-check: our daemon at ${daemon.url} stands in for the engine`);
  } else {
    engine = httpEngine(settings.engine as string);
  }
  try {
    const variants = textVariants(texts, settings.seed, settings.texts);
    const mutants = binaryMutants(binaries, settings.seed, settings.binaries);
    const compacts = compactMutants(binaries, settings.seed, settings.compact);
    console.log(
      `${texts.length} corpus pairs; seed ${settings.seed}: ${variants.length} text variants, ` +
        `${mutants.length} binary mutants, ${compacts.length} compact-style streams`,
    );
    const compileTally = newTally('compile');
    const decompileTally = newTally('decompile');
    const compactTally = newTally('decompile-compact');
    await runDirection(
      compileTally,
      settings.out,
      variants.map((v) => ({ name: v.name, input: Buffer.from(v.source, 'latin1'), notes: v.kinds })),
      settings.concurrency,
      (input) => checkCompile(engine, input),
    );
    await runDirection(
      decompileTally,
      settings.out,
      mutants.map((m) => ({ name: m.name, input: Buffer.from(m.binary), notes: m.edits })),
      settings.concurrency,
      (input) => checkDecompile(engine, input),
    );
    const fullForms = new Map(compacts.map((m) => [m.name, Buffer.from(m.fullForm ?? new Uint8Array(0))]));
    await runDirection(
      compactTally,
      settings.out,
      compacts.map((m) => ({ name: m.name, input: Buffer.from(m.binary), notes: m.edits })),
      settings.concurrency,
      (input, name) => checkCompactDecompile(engine, input, fullForms.get(name) as Buffer),
    );
    const tallies = [compileTally, decompileTally, compactTally];
    for (const t of tallies) for (const line of summaryLines(t)) console.log(line);
    console.log(`summary: ${writeSummary(settings.out, { ...settings, corpusPairs: texts.length }, tallies)}`);
    if (settings.failUnder !== undefined && tallies.some((t) => t.kept === 0 || rate(t) < (settings.failUnder as number))) {
      console.log(`FAIL: an exact-match rate is below ${settings.failUnder} % (or nothing was kept)`);
      return 1;
    }
    return 0;
  } finally {
    await daemon?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`conformance: ${error instanceof Error ? error.message : String(error)}`);
    console.error(USAGE);
    process.exit(2);
  },
);
