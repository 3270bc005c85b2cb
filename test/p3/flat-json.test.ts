/**
 * The capture reader's flat-object fast path must accept only what JSON.parse accepts, and
 * read it the same way: checked on capture lines, wiretap-like records and 20,000 random
 * mutations of them.
 */
import { describe, expect, it } from 'vitest';
import { parseFlatObject } from '@/lib/p3/flat-json';
import { randomInt, seededRandom } from '../support/random';
import { captureLines } from './support';

const plain = (o: Record<string, unknown> | undefined) => (o === undefined ? undefined : { ...o });

function agreesWithJsonParse(text: string): void {
  const fast = parseFlatObject(text);
  if (fast === undefined) return; // the caller falls back to JSON.parse
  let slow: unknown;
  expect(() => { slow = JSON.parse(text); }, text).not.toThrow();
  expect(plain(fast), text).toEqual(slow);
}

describe('parseFlatObject', () => {
  const lines = captureLines().map((l) => JSON.stringify(l));

  it('reads every capture line like JSON.parse', () => {
    for (const l of lines) {
      expect(parseFlatObject(l)).toBeDefined();
      agreesWithJsonParse(l);
    }
  });

  it('leaves escapes, nesting, whitespace and odd literals to JSON.parse', () => {
    for (const t of ['{"a":"x\\"y"}', '{"a":{"b":1}}', '{"a":[1]}', '{ "a":1}', '{"a":1 }', '{"a":01}', '{"a":1.}', '{"a":tru}', '{"a":"\t"}', '{"a":1,}', '{,}', '{"a"}', '{"a":-}', '{"a":+1}']) {
      expect(parseFlatObject(t), t).toBeUndefined();
    }
    expect(plain(parseFlatObject('{}'))).toEqual({});
    expect(plain(parseFlatObject('{"a":"1","a":2,"b":null,"c":true,"d":false,"e":-0.5e+3}'))).toEqual({ a: 2, b: null, c: true, d: false, e: -500 });
  });

  it('agrees with JSON.parse on 20,000 random mutations', () => {
    const rand = seededRandom(77);
    const alphabet = '{}[]":,0123456789.eE+-abcdeftrunl \\\t';
    for (let k = 0; k < 20_000; k++) {
      const base = lines[randomInt(rand, lines.length)]!;
      const chars = base.split('');
      const edits = 1 + randomInt(rand, 3);
      for (let e = 0; e < edits; e++) {
        const at = randomInt(rand, chars.length);
        const what = randomInt(rand, 3);
        const c = alphabet[randomInt(rand, alphabet.length)]!;
        if (what === 0) chars[at] = c;
        else if (what === 1) chars.splice(at, 0, c);
        else chars.splice(at, 1);
      }
      agreesWithJsonParse(chars.join(''));
    }
  });
});
