/**
 * The codec must be safe on any input: every call returns a result or throws an FdoError,
 * in bounded time, and decompiled text never holds bytes that were not in the input
 * (the reference engine prints its own heap memory for truncated atoms).
 */
import { describe, expect, it } from 'vitest';
import { compile, decompile, FdoError, latin1ToBytes } from '@/lib/fdo';
import { loadCorpus } from '../support/corpus';
import { randomInt, seededRandom } from '../support/random';

const CASES = 10_000;
// A guard against hangs, not a performance check: one call on a few KB must never take this long.
const HANG_GUARD_MS = 2_000;

function mutateBytes(rand: () => number, input: Uint8Array): Uint8Array {
  const bytes = Array.from(input);
  const edits = 1 + randomInt(rand, 8);
  for (let e = 0; e < edits; e++) {
    const at = randomInt(rand, bytes.length + 1);
    switch (randomInt(rand, 5)) {
      case 0:
        if (bytes.length) bytes[Math.min(at, bytes.length - 1)] = randomInt(rand, 256);
        break;
      case 1:
        bytes.splice(at, 0, randomInt(rand, 256));
        break;
      case 2:
        bytes.splice(at, 1 + randomInt(rand, 16));
        break;
      case 3:
        bytes.length = Math.min(bytes.length, at);
        break; // truncate
      case 4:
        bytes.splice(at, 0, [0xe8, 0xf0, 0xff, 0x80, 0x7f, 0x00][randomInt(rand, 6)]);
        break; // prefix, length and boundary bytes
    }
  }
  return Uint8Array.from(bytes);
}

function randomBytes(rand: () => number): Uint8Array {
  const out = new Uint8Array(randomInt(rand, 64));
  for (let i = 0; i < out.length; i++) out[i] = randomInt(rand, 256);
  return out;
}

/** The hex lists of the text, as byte runs. */
function valueRuns(text: string): number[][] {
  const runs: number[][] = [];
  // a hex list is a value (after '<' or ', ') of items 'HHx' joined by ', ', ending at '>' or ','
  for (const m of text.matchAll(/(?<=<|, )([0-9a-f]{2}x(?:, [0-9a-f]{2}x)*)(?=>|,)/g)) {
    runs.push(m[1].split(', ').map((h) => parseInt(h.slice(0, 2), 16)));
  }
  return runs;
}

/** True when `run` occurs in `input` as a subsequence (large atoms may join pieces). */
function isSubsequence(run: number[], input: Uint8Array): boolean {
  let at = 0;
  for (const byte of run) {
    while (at < input.length && input[at] !== byte) at++;
    if (at >= input.length) return false;
    at++;
  }
  return true;
}

function expectFdoErrorOrValue<T>(fn: () => T): T | undefined {
  const start = performance.now();
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof FdoError)) throw new Error(`expected an FdoError, got ${String(error)}`, { cause: error });
    expect(error.message.length).toBeGreaterThan(0);
    return undefined;
  } finally {
    expect(performance.now() - start).toBeLessThan(HANG_GUARD_MS);
  }
}

describe('decompile on random and mutated binaries', () => {
  const corpus = loadCorpus('samples').concat(loadCorpus('generated'));

  it(`${CASES} inputs: a text or an FdoError, never bytes from outside the input`, () => {
    const rand = seededRandom(0xfd091);
    let decoded = 0;
    for (let n = 0; n < CASES; n++) {
      const input = n % 4 === 0 ? randomBytes(rand) : mutateBytes(rand, corpus[randomInt(rand, corpus.length)].binary);
      const text = expectFdoErrorOrValue(() => decompile(input));
      if (text === undefined) continue;
      decoded++;
      expect(typeof text).toBe('string');
      for (const run of valueRuns(text)) {
        // the compact styles carry a one-byte value 0-7 in the header bits (ZERO, ONE, DATA)
        if (run.length === 1 && run[0] <= 7) continue;
        if (!isSubsequence(run, input)) throw new Error(`output holds bytes not in the input: ${run.join(' ')} (case ${n})`);
      }
      // whatever the compiler makes of the text must decompile to the same text again
      const binary = expectFdoErrorOrValue(() => compile(text));
      if (binary !== undefined) {
        const again = expectFdoErrorOrValue(() => decompile(binary));
        // exempt: comments (their data may hold line breaks) and the dangling ', ' of a multi
        // atom with bytes past its last field, which the reference text loses (spec 4.18)
        if (again !== undefined && !/^\s*;/m.test(text) && !text.includes(', >')) {
          expect(again, `case ${n}: text is not a fixed point`).toBe(text);
        }
      }
    }
    expect(decoded).toBeGreaterThan(CASES / 10);
  });

  it('streams nested thousands of levels deep answer without overflowing the stack', () => {
    // act_modify_action (2/6) wrapping itself, built from the inside out, as deep as
    // two-byte lengths allow (about 8,000 levels)
    let inner = new Uint8Array(0);
    let depth = 0;
    while (inner.length + 4 <= 32_767) {
      const len = inner.length;
      const header = len < 128 ? [0x02, 0x06, len] : [0x02, 0x06, 0x80 | (len >> 8), len & 0xff];
      const next = new Uint8Array(header.length + len);
      next.set(header);
      next.set(inner, header.length);
      inner = next;
      depth++;
    }
    expect(depth).toBeGreaterThan(5_000);
    expectFdoErrorOrValue(() => decompile(inner));
    const deep = 'act_modify_action <'.repeat(100_000) + '>'.repeat(100_000);
    expectFdoErrorOrValue(() => compile(deep));
  });
});

describe('compile on mutated sources', () => {
  const corpus = loadCorpus('samples').concat(loadCorpus('extended').slice(0, 200));
  const SNIPPETS = [
    '<',
    '>',
    '"',
    ',',
    '|',
    ';',
    '\\',
    'x',
    '0x',
    '-',
    '\n',
    '\r',
    '\t',
    ' ',
    '<>',
    'the_unknown',
    'uni_start_stream',
    '99999999999',
    '-1',
    '\\x',
    '\x00',
    '\xff',
  ];

  it(`${CASES} sources: bytes or an FdoError with a line and column`, () => {
    const rand = seededRandom(0xc0de);
    let compiled = 0;
    for (let n = 0; n < CASES; n++) {
      const original = corpus[randomInt(rand, corpus.length)].text;
      // mutate a window of a few hundred characters so each case stays small and fast
      const start = randomInt(rand, Math.max(1, original.length - 400));
      let text = original.slice(start, start + 400);
      const edits = 1 + randomInt(rand, 6);
      for (let e = 0; e < edits; e++) {
        const at = randomInt(rand, text.length + 1);
        switch (randomInt(rand, 4)) {
          case 0:
            text = text.slice(0, at) + SNIPPETS[randomInt(rand, SNIPPETS.length)] + text.slice(at);
            break;
          case 1:
            text = text.slice(0, at) + text.slice(at + 1 + randomInt(rand, 10));
            break;
          case 2:
            text = text.slice(0, at) + String.fromCharCode(randomInt(rand, 256)) + text.slice(at + 1);
            break;
          case 3:
            text = text.slice(0, at);
            break;
        }
      }
      const useBytes = n % 2 === 0;
      try {
        const out = compile(useBytes ? latin1ToBytes(text) : text);
        expect(out).toBeInstanceOf(Uint8Array);
        compiled++;
      } catch (error) {
        if (!(error instanceof FdoError)) throw new Error(`case ${n}: expected an FdoError, got ${String(error)}`, { cause: error });
        expect(error.line, `case ${n}: ${error.message}`).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
        expect(error.context?.length).toBeGreaterThan(0);
      }
    }
    expect(compiled).toBeGreaterThan(0);
  });
});
