/**
 * npm run bench:codec — compile and decompile speed over the whole conformance corpus and
 * over a stream of more than 2 MB.
 *
 * The timing runs in its own plain node process on an esbuild bundle of the codec
 * (bench/support/codec-rounds.ts), as the daemon runs it; this script writes the report.
 * Baselines in the same run: the floor of merely copying the same bytes into a Latin-1
 * string and back (no parsing), and the reference engine's published figure (~1.3 ms per
 * request through fdo_daemon.exe at one client; it cannot run here: it needs Wine).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleCodecBench } from './support/bundle-codec';
import type { CodecRounds, Spread } from './support/codec-rounds';
import { machineLine, table, writeSection } from './support/report';

const bundle = path.join(__dirname, 'support', `.codec-rounds-${process.pid}.cjs`);
bundleCodecBench(path.join(__dirname, 'support', 'codec-rounds.ts'), bundle);
let r: CodecRounds;
try {
  r = JSON.parse(execFileSync(process.execPath, [bundle], { encoding: 'utf8', maxBuffer: 1 << 20 })) as CodecRounds;
} finally {
  fs.rmSync(bundle, { force: true });
}

const perFile = (ms: number) => ((ms * 1000) / r.files).toFixed(1);
const mbps = (bytes: number, ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0);
const row = (name: string, t: Spread, bytes: number) => [
  name,
  perFile(t.median),
  `${perFile(t.p10)}–${perFile(t.p90)}`,
  mbps(bytes, t.median),
  t.median.toFixed(1),
];
const { large } = r;

const command = 'npm run bench:codec';
const md = `## Codec (\`${command}\`)

${machineLine()}, load average ${os.loadavg()[0].toFixed(1)} at the end of the run. The codec as esbuild bundles it, in a
plain node process. ${r.rounds} rounds of each workload after a warm-up, taking turns round by round so that bursts of
noise from other tenants of the machine fall on all of them alike; "µs per file" is the median round, p10–p90 the
spread of rounds. Corpus: all ${r.files} pairs (${(r.binBytes / 1e6).toFixed(2)} MB binary, ${(r.textBytes / 1e6).toFixed(2)} MB text). MB/s counts the
input side (text for compile, binary for decompile).

${table(
  ['workload', 'µs per file (median)', 'p10–p90', 'MB/s (input)', 'ms per round'],
  [
    row('compile, whole corpus (text as a string)', r.compile, r.textBytes),
    row('compile, whole corpus (text as bytes: the daemon and the CLI)', r.compileBytes, r.textBytes),
    row('decompile, whole corpus', r.decompile, r.binBytes),
    row('floor: text → bytes copy (no parsing)', r.copyText, r.textBytes),
    row('floor: bytes → Latin-1 string copy (no parsing)', r.copyBinary, r.binBytes),
    ['reference engine via fdo_daemon.exe, 1 client (published)', '~1,300', '—', '—', '—'],
  ],
)}

Large stream: ${(large.binBytes / 1e6).toFixed(2)} MB binary / ${(large.textBytes / 1e6).toFixed(2)} MB text
(corpus forms nested in stream atoms, with large-atom sequences for nested data over 32,767 bytes). Median of 9 rounds.

${table(
  ['workload', 'ms', 'MB/s of binary', 'MB/s of text'],
  [
    ['compile', large.compile.median.toFixed(1), mbps(large.binBytes, large.compile.median), mbps(large.textBytes, large.compile.median)],
    ['decompile', large.decompile.median.toFixed(1), mbps(large.binBytes, large.decompile.median), mbps(large.textBytes, large.decompile.median)],
    ['reference engine (published): segfault after ~18 s on a 1.7 MB stream', '—', '—', '—'],
  ],
)}

Targets (issue): ≤ 30 µs per corpus file in each direction; ≥ 20 MB/s on the large stream.`;

writeSection('codec', md);
console.log(md);
