/**
 * Names the JIT code in a callgrind profile of node: callgrind sees V8's generated code as
 * bare addresses (`???:0x…`), and node run with --perf-basic-prof writes where each code
 * object lies (/tmp/perf-PID.map: start, size, name with its tier, `*` optimised, `^` baseline,
 * `~` interpreted). Self instructions per JS function (tiers summed) and per native
 * function, largest first. Used by bench/codec-instructions.ts --profile.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

interface CodeRange {
  start: bigint;
  end: bigint;
  name: string;
}

function readPerfMap(file: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m === null) continue;
    const start = BigInt(`0x${m[1]}`);
    ranges.push({ start, end: start + BigInt(`0x${m[2]}`), name: m[3] });
  }
  return ranges.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

function nameAt(ranges: CodeRange[], address: bigint): string | undefined {
  let lo = 0;
  let hi = ranges.length - 1;
  let found: CodeRange | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= address) {
      found = ranges[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== undefined && address < found.end ? found.name : undefined;
}

/**
 * `JS:*writeValue2 /x/codec-new.cjs:12:3` → `writeValue`: tiers summed, and the place and
 * esbuild's renaming digits left out so that two bundles of different codecs name the same function alike.
 */
function shortName(name: string): string {
  const js = /^JS:[*^~+]?(\S*)/.exec(name);
  return js !== null ? `${js[1].replace(/\d+$/, '') || '(anonymous)'} (JS)` : name;
}

/** Self Ir per function of a callgrind output file, JIT code named from the perf map of its process. */
export function selfCostByFunction(callgrindOut: string): [string, number][] {
  const pid = /^pid: (\d+)/m.exec(fs.readFileSync(callgrindOut, 'utf8').slice(0, 4096))?.[1];
  const mapFile = `/tmp/perf-${pid}.map`;
  const ranges = pid !== undefined && fs.existsSync(mapFile) ? readPerfMap(mapFile) : [];
  const text = execFileSync('callgrind_annotate', ['--threshold=100', callgrindOut], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const cost = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
    if (m === null || m[2].includes('PROGRAM TOTALS')) continue;
    const ir = Number(m[1].replace(/,/g, ''));
    const jit = /^\?\?\?:0x([0-9a-f]+) /.exec(m[2]);
    const name = jit !== null ? (nameAt(ranges, BigInt(`0x${jit[1]}`)) ?? 'unnamed JIT code') : m[2].replace(/ \[[^\]]*\]$/, '');
    const key = shortName(name);
    cost.set(key, (cost.get(key) ?? 0) + ir);
  }
  if (ranges.length > 0) fs.rmSync(mapFile, { force: true });
  return [...cost.entries()].sort((a, b) => b[1] - a[1]);
}
