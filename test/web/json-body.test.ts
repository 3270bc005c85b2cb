/**
 * JSON bodies to codec input (encoding.ts) inline and in the worker (json-offload.ts): the
 * same answers either way, large bodies off the main thread, and the shape scan's bounds.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { jsonBodyToInput } from '@/server/web/encoding';
import { HttpError } from '@/server/web/http';
import { JsonShapeScan } from '@/server/web/json-scan';
import { locateJsonSyntaxError } from '@/server/web/json-syntax';
import { seededRandom, randomInt } from '../support/random';
import { convertJsonBody, offloadedCount, OFFLOAD_BYTES } from '@/server/web/json-offload';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('jsonBodyToInput', () => {
  it('turns source into Latin-1 bytes and binary_data into bytes', () => {
    expect(jsonBodyToInput('compile', enc({ source: 'a\u00e9\u00ff' }), locateJsonSyntaxError)).toEqual({
      ok: true,
      input: new Uint8Array([0x61, 0xe9, 0xff]),
    });
    expect(jsonBodyToInput('decompile', enc({ binary_data: ' AAEC\n/w== ' }), locateJsonSyntaxError)).toEqual({
      ok: true,
      input: new Uint8Array([0, 1, 2, 255]),
    });
  });

  it('refuses what is not the contract with a 400 and a message', () => {
    const cases: ['compile' | 'decompile', Uint8Array, RegExp][] = [
      ['compile', new Uint8Array([0x7b, 0xff, 0x7d]), /UTF-8/],
      ['compile', enc('{"source":'), /not valid JSON/],
      ['compile', enc([1]), /JSON object/],
      ['compile', enc({ source: 5 }), /"source" string/],
      ['decompile', enc({}), /"binary_data"/],
      ['decompile', enc({ binary_data: 'AA==', format: 'xml' }), /only "text"/],
      ['decompile', enc({ binary_data: 'A' }), /not valid base64/],
      ['decompile', enc({ binary_data: 'AA=A' }), /not valid base64/],
    ];
    for (const [route, body, why] of cases) {
      const r = jsonBodyToInput(route, body, locateJsonSyntaxError);
      expect(r.ok, why.source).toBe(false);
      if (!r.ok) {
        expect(r.status).toBe(400);
        expect(r.message).toMatch(why);
      }
    }
  });

  it('answers a non-Latin-1 character as a compile error with line, column and five lines of context', () => {
    const source = ['l1', 'l2', 'l3', 'x \u20ac', 'l5', 'l6', 'l7'].join('\n');
    const r = jsonBodyToInput('compile', enc({ source }), locateJsonSyntaxError);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const n = r.where;
    expect(r.message).toMatch(/U\+20AC/);
    expect(n).toMatchObject({ line: 4, column: 3, kind: 'Invalid Character' });
    expect(n.context).toEqual(['    2 | l2', '    3 | l3', '>>  4 | x \u20ac', '    5 | l5', '    6 | l6']);
    // astral characters are named by their code point
    const astral = jsonBodyToInput('compile', enc({ source: 'ok\n\u{1F600}' }), locateJsonSyntaxError);
    expect(!astral.ok && astral.message).toMatch(/U\+1F600\)/);
    expect(!astral.ok && astral.where).toMatchObject({ line: 2, column: 1 });
  });
});

describe('convertJsonBody', () => {
  it('converts large bodies in the worker with the same answers, without stalling the event loop', async () => {
    const line = 'man_append_data <"0123456789abcdef0123456789abcdef">\n';
    const source = `${line.repeat(Math.ceil((12 * 1024 * 1024) / line.length))}bad \u20ac here\n`;
    const body = enc({ source });
    expect(body.byteLength).toBeGreaterThan(OFFLOAD_BYTES);
    const before = offloadedCount();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const r = await convertJsonBody('compile', body);
    lag.disable();
    expect(offloadedCount()).toBe(before + 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.where).toMatchObject({ line: source.split('\n').length - 1, column: 5 });
    const ok = await convertJsonBody('decompile', enc({ binary_data: Buffer.alloc(9 * 1024 * 1024, 7).toString('base64') }));
    expect(ok.ok && ok.input.byteLength).toBe(9 * 1024 * 1024);
    console.log(`event loop while converting 12 MB in the worker: max delay ${(lag.max / 1e6).toFixed(1)} ms`);
    // inline this is ~100 ms of one block; a generous bound for a busy shared machine
    expect(lag.max / 1e6).toBeLessThan(150);
  });

  it('converts small bodies inline', async () => {
    const before = offloadedCount();
    expect(await convertJsonBody('compile', enc({ source: 'x' }))).toEqual({ ok: true, input: new Uint8Array([0x78]) });
    expect(offloadedCount()).toBe(before);
  });
});

describe('JsonShapeScan', () => {
  const scan = (text: string, depth = 64, tokens = 10_000) => {
    const s = new JsonShapeScan(depth, tokens);
    const bytes = enc(text);
    // fed one byte at a time: the scan's state crosses chunk boundaries
    for (let i = 0; i < bytes.length; i++) s.feed(bytes.subarray(i, i + 1));
  };
  const refused = (fn: () => void): string => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).status).toBe(400);
      return (err as HttpError).message;
    }
    throw new Error('expected a refusal');
  };

  it('lets shallow bodies through and counts nothing inside strings', () => {
    scan(`{"source":"${'[{'.repeat(500)}\\"[[[\\\\"}`, 3, 10);
    scan('[[[]]]', 3);
  });

  it('refuses depth past the bound, and too much structure', () => {
    expect(refused(() => scan('[[[[]]]]', 3))).toMatch(/deeper than 3 levels \(at byte 3\)/);
    expect(refused(() => scan(`[${'1,'.repeat(11)}1]`, 64, 10))).toMatch(/more than 10/);
  });

  it('finds strings exactly as a byte-by-byte reading does, whatever the chunks and backslash runs', () => {
    /** the rule, one byte at a time: the depth reached and the structure counted */
    const reference = (bytes: Uint8Array) => {
      let depth = 0;
      let max = 0;
      let tokens = 0;
      let inString = false;
      let escaped = false;
      for (const b of bytes) {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 0x5c) escaped = true;
          else if (b === 0x22) inString = false;
          continue;
        }
        if (b === 0x22) inString = true;
        else if (b === 0x5b || b === 0x7b) {
          tokens++;
          max = Math.max(max, ++depth);
        } else if (b === 0x5d || b === 0x7d) {
          tokens++;
          if (depth > 0) depth--;
        } else if (b === 0x2c || b === 0x3a) tokens++;
      }
      return { max, tokens };
    };
    const rand = seededRandom(5);
    const alphabet = ['"', '\\', '\\', '[', ']', '{', '}', ',', ':', 'a', 'b'];
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: 1 + randomInt(rand, 40) }, () => alphabet[randomInt(rand, alphabet.length)]!).join('');
      const bytes = enc(text);
      const want = reference(bytes);
      // at exactly the reference's bounds the scan passes; one below, it refuses
      const feed = (depth: number, tokens: number) => {
        const s = new JsonShapeScan(depth, tokens);
        for (let at = 0; at < bytes.length;) {
          const n = 1 + randomInt(rand, 8);
          s.feed(bytes.subarray(at, at + n));
          at += n;
        }
      };
      feed(Math.max(want.max, 1), Math.max(want.tokens, 1));
      if (want.max > 1)
        expect(
          refused(() => feed(want.max - 1, 10_000)),
          text,
        ).toMatch(/deeper than/);
      if (want.tokens > 1)
        expect(
          refused(() => feed(64, want.tokens - 1)),
          text,
        ).toMatch(/more than/);
    }
  });
});

describe('decompiledJson', () => {
  it('writes exactly what JSON.stringify would, for every Latin-1 byte, across piece boundaries', async () => {
    const { decompiledJson } = await import('@/server/web/json-writer');
    const all = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff);
    const text = Buffer.from(all).toString('latin1');
    const fields = { input_size: 3, daemon_id: undefined, output_size: 512, decompilation_time: '0.001s' };
    for (const piece of [1, 7, 64, 100_000]) {
      const out = Buffer.concat([...decompiledJson(all, fields, piece)]).toString('utf8');
      expect(out).toBe(JSON.stringify({ success: true, source: text, ...fields }));
    }
    expect(Buffer.concat([...decompiledJson(new Uint8Array(0), {})]).toString()).toBe('{"success":true,"source":""}');
  });
});
