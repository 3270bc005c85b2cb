/**
 * Reading a capture by line ranges (in the worker threads of p3-format-pool.ts) gives the
 * very report of reading it whole on one thread, hostile lines included: the same streams,
 * bytes, failures (order, lines, offsets, messages) and counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLimits, decodeCapture, decodeFrameTable, joinFrameTables, linePieces, readFrameTable, toHex } from '@/lib/p3';
import { captureFrameTable } from '@/server/web/p3-decompile-jsonl';
import { FORMAT_WORKER_SCRIPT, formattedByWorkers } from '@/server/web/p3-format-pool';
import { captureLines, captureText } from '../p3/support';
import { randomInt, seededRandom } from '../support/random';
import { ROOT } from './support';

const lines = captureLines();

/** The capture with hostile lines mixed in: bad CRC, not JSON, not hex, blanks, comments, two frames in one record. */
function hostileCapture(seed: number): string {
  const rand = seededRandom(seed);
  const out: string[] = [];
  for (const [i, l] of lines.entries()) {
    const k = randomInt(rand, 12);
    if (k === 0) out.push(JSON.stringify({ ...l, fullHex: l.fullHex.slice(0, 40) + (l.fullHex[40] === '0' ? '1' : '0') + l.fullHex.slice(41) }));
    else if (k === 1) out.push('{"dir": "S->C", "fullHex": ');
    else if (k === 2) out.push('zz' + l.fullHex);
    else if (k === 3) out.push('', '# a comment', JSON.stringify(l));
    else if (k === 4 && i + 1 < lines.length) out.push(JSON.stringify({ ...l, fullHex: l.fullHex + lines[i + 1]!.fullHex }));
    else if (k === 5) out.push(JSON.stringify({ len: 3, fullHex: l.fullHex.slice(0, 30) }));
    else out.push(JSON.stringify(l));
  }
  return out.join(randomInt(rand, 2) ? '\n' : '\r\n');
}

const captures: [string, string][] = [
  ['the capture', captureText()],
  ['without its last line break', captureText().trimEnd()],
  ['hostile lines', hostileCapture(1)],
  ['hostile lines (2)', hostileCapture(2)],
  [
    'plain hex, newest first',
    lines
      .map((l) => l.fullHex)
      .reverse()
      .join('\n') + '\n',
  ],
  ['minimal records', lines.map((l) => JSON.stringify({ len: l.fullHex.length / 2, fullHex: l.fullHex })).join('\n')],
];

describe('capture decoding by line ranges', () => {
  for (const [name, text] of captures) {
    it(`${name}: the pieces joined decode like the whole`, () => {
      for (const maxFailures of [1000, 2]) {
        const options = { maxFailures };
        const whole = decodeCapture(text, options);
        for (const n of [1, 2, 3, 7, 50]) {
          const pieces = linePieces(text, n, captureLimits(options).maxLines)!;
          expect(pieces.map((p) => p.text).join('')).toBe(text);
          const tables = pieces.map((p) => readFrameTable(p.text, captureLimits(options), maxFailures, { lines: p.lines, offset: p.offset }));
          expect(decodeFrameTable(joinFrameTables(tables, maxFailures), options)).toEqual(whole);
        }
      }
    });
  }

  it('a JSON array, or more lines than the limit, is not cut (one reader writes the limit failure)', () => {
    expect(linePieces(JSON.stringify(lines.map((l) => l.fullHex)), 4, 1000)).toBeNull();
    expect(linePieces('a\nb\nc\n', 2, 2)).toBeNull();
    expect(linePieces('a\nb\nc\n', 2, 3)).toHaveLength(2);
  });

  it('the worker threads read a large capture into the same table and report as this thread', async () => {
    expect(fs.existsSync(path.join(ROOT, FORMAT_WORKER_SCRIPT)), 'npm run build:server builds the worker').toBe(true);
    const text = Array.from({ length: 20 }, (_, i) => hostileCapture(10 + i)).join('\n');
    expect(text.length).toBeGreaterThan(256 * 1024);
    for (const options of [{}, { maxFailures: 5 }, { maxLineChars: 300 }]) {
      const before = formattedByWorkers();
      const viaWorkers = await captureFrameTable(text, options);
      expect(formattedByWorkers()).toBeGreaterThan(before);
      const inline = await captureFrameTable(text, options, false);
      expect(toHex(viaWorkers.bytes)).toBe(toHex(inline.bytes));
      expect([...viaWorkers.meta]).toEqual([...inline.meta]);
      expect(decodeFrameTable(viaWorkers, options)).toEqual(decodeFrameTable(inline, options));
      expect(decodeFrameTable(inline, options)).toEqual(decodeCapture(text, options));
    }
  });
});
