import { describe, expect, it } from 'vitest';
import { locateJsonSyntaxError } from '@/server/web/json-syntax';
import { jsonBodyToInput } from '@/server/web/encoding';
import { seededRandom, randomInt } from '../support/random';

const at = (text: string) => {
  const { line, column } = locateJsonSyntaxError(text);
  return [line, column];
};

describe('locateJsonSyntaxError', () => {
  it('names the line and column of the first mistake', () => {
    expect(at('{\n  "source": x\n}')).toEqual([2, 13]);
    expect(at('{"source": "a",}')).toEqual([1, 16]);
    expect(at('{"a" 1}')).toEqual([1, 6]);
    expect(at('{"a": "b\\q"}')).toEqual([1, 10]);
    expect(at('{"a": "\\u12g4"}')).toEqual([1, 9]);
    expect(at('{"a": 01}')).toEqual([1, 8]);
    expect(at('{"a": "b\nc"}')).toEqual([1, 9]);
    expect(at('{} x')).toEqual([1, 4]);
    expect(at('')).toEqual([1, 1]);
    expect(at(' ')).toEqual([1, 2]);
    expect(at('\r\n\r\n  {"source": tru }')).toEqual([3, 14]);
  });

  it('says what it found (line and column travel beside the message), and never quotes more than one character of the body', () => {
    const r = locateJsonSyntaxError('{"source": "secret text", oops}');
    expect(r.message).toBe('request body is not valid JSON: expected a quoted property name, found "o"');
    expect(r.message).not.toContain('secret');
    expect(locateJsonSyntaxError('{"a": "open').message).toMatch(/ends inside a string$/);
    expect(locateJsonSyntaxError('[[[[').message).toMatch(/the body ends where a value should be$/);
  });

  it('agrees with JSON.parse: for text JSON.parse refuses, the position is inside or at the end of it', () => {
    const rand = seededRandom(21);
    const alphabet = '{}[]":,0-1.e+ \n\\uatrfnl"x';
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let n = randomInt(rand, 24); n > 0; n--) text += alphabet[randomInt(rand, alphabet.length)];
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      if (valid) continue;
      const r = locateJsonSyntaxError(text);
      expect(r.message).not.toMatch(/JSON.parse refused it/);
      const lines = text.split('\n');
      expect(r.line).toBeLessThanOrEqual(lines.length);
      expect(r.column).toBeLessThanOrEqual(lines[r.line - 1]!.length + 1);
    }
  });

  it('is what the JSON routes answer, with line and column in the error', () => {
    const r = jsonBodyToInput('compile', new TextEncoder().encode('{\n "source": nope\n}'), locateJsonSyntaxError);
    expect(r).toMatchObject({ ok: false, status: 400, where: { line: 2, column: 12, kind: 'Invalid JSON' } });
  });
});
