/**
 * Hostile and odd captures: every one gives a report with the failures named, never a
 * throw and never a hang; the good frames around bad ones are still decoded.
 */
import { describe, expect, it } from 'vitest';
import { buildFrame, chunkScripts, decodeCapture, payloadHeader, toHex } from '@/lib/p3';
import { compile } from '@/lib/fdo';
import { randomInt, seededRandom } from '../support/random';
import { asCaptureJsonl, captureLines, captureText } from './support';

const lines = captureLines();
const host0063 = lines.filter((l) => l.dir === 'S->C' && l.fullHex.slice(20, 24) === '0063');

function withLine(i: number, fullHex: string): string {
  return lines.map((l, k) => JSON.stringify(k === i ? { ...l, fullHex } : l)).join('\n');
}

describe('bad frames in a capture', () => {
  it('a bad CRC is reported with its line and byte; the frame is skipped and the rest decodes', () => {
    const i = lines.indexOf(host0063[3]!);
    const hex = host0063[3]!.fullHex;
    const bad = hex.slice(0, 40) + (hex[40] === '0' ? '1' : '0') + hex.slice(41);
    const r = decodeCapture(withLine(i, bad));
    expect(r.failures).toEqual([expect.objectContaining({ check: 'crc', line: i + 1, offset: 1 })]);
    expect(r.skipped.badFrames).toBe(1);
    const s = r.streams.find((x) => x.direction === 'S->C' && x.streamIdHex === '0063')!;
    expect(s.frameCount).toBe(host0063.length - 1);
    expect(s.failures.length).toBeGreaterThan(0); // the large atom no longer adds up
    expect(r.streams.filter((x) => x.direction === 'S->C' && x.failures.length === 0)).toHaveLength(4);
  });

  it('LEN past the end of the line is reported as "short" at the LEN bytes', () => {
    const i = lines.indexOf(host0063[1]!);
    const r = decodeCapture(withLine(i, host0063[1]!.fullHex.slice(0, 100)));
    expect(r.failures).toEqual([expect.objectContaining({ check: 'short', line: i + 1, offset: 3 })]);
  });

  it('truncated large atoms: START and segments without END are reported with what arrived', () => {
    const keep = host0063.slice(0, 3);
    const r = decodeCapture(keep.map((l) => JSON.stringify(l)).join('\n'));
    const s = r.streams[0]!;
    expect(s.failures).toEqual([expect.objectContaining({ check: 'large-atom', frame: 0 })]);
    expect(s.failures[0]!.message).toMatch(/27\/5 .* never ends: 236 of 636 bytes/);
    // the pieces are kept as they came, so the stream still decompiles
    expect(s.fdo.length).toBe(s.wireBytes);
  });

  it('an END without START, and a START whose pieces do not add up, are reported', () => {
    const endOnly = chunkScripts([compile(`dod_data <${'01x, '.repeat(299)}02x>\n`)], { budget: 40 }).frames;
    const r1 = decodeCapture(asCaptureJsonl(endOnly.slice(-1)));
    expect(r1.streams[0]!.failures.map((f) => f.check)).toEqual(['large-atom']);
    expect(r1.streams[0]!.failures[0]!.message).toMatch(/no uni_start_large_atom/);
    const missingSegment = [...endOnly.slice(0, 2), ...endOnly.slice(3)];
    const r2 = decodeCapture(asCaptureJsonl(missingSegment), { budget: 40 });
    expect(r2.streams[0]!.failures.map((f) => f.message).join(' ')).toMatch(/declares 300 bytes; its pieces hold 263/);
  });

  it('junk, empty lines, comments, non-JSON and records without fullHex are reported per line', () => {
    const text = ['', '# a comment', 'not json at all', '{"dir":"S->C"}', '{"fullHex": "5a zz"}', '[1,2', '{"fullHex": 12}', '"5a"', JSON.stringify(lines[0])].join('\n');
    const r = decodeCapture(text);
    expect(r.failures.map((f) => [f.check, f.line])).toEqual([['line', 3], ['line', 4], ['line', 5], ['line', 6], ['line', 7], ['line', 8]]);
    expect(r.frames).toBe(1);
  });

  it('a DATA frame too short for its token is reported, not taken as FDO', () => {
    const f = buildFrame({ tx: 0x10, rx: 0x10, type: 0x20, payload: new Uint8Array([0x41, 0x54, 0x00]) });
    const r = decodeCapture(toHex(f));
    expect(r.failures).toEqual([expect.objectContaining({ check: 'payload', frame: 0 })]);
    expect(r.streams).toEqual([]);
  });

  it('10^4 random lines (noise, mutated frames, truncated JSON) give a report, in bounded time', () => {
    const rand = seededRandom(20261204);
    const out: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const base = lines[randomInt(rand, lines.length)]!;
      const kind = randomInt(rand, 6);
      if (kind === 0) out.push(Array.from({ length: randomInt(rand, 200) }, () => String.fromCharCode(32 + randomInt(rand, 95))).join(''));
      else if (kind === 1) {
        const h = base.fullHex.split('');
        for (let k = 0; k < 1 + randomInt(rand, 4); k++) h[randomInt(rand, h.length)] = '0123456789abcdef'[randomInt(rand, 16)]!;
        out.push(JSON.stringify({ ...base, fullHex: h.join('') }));
      } else if (kind === 2) out.push(JSON.stringify(base).slice(0, randomInt(rand, 120)));
      else if (kind === 3) out.push(base.fullHex.slice(0, randomInt(rand, base.fullHex.length + 1)));
      else if (kind === 4) out.push(JSON.stringify({ len: base.len, fullHex: base.fullHex.slice(0, 18) + base.fullHex.slice(18 + 2 * randomInt(rand, 5)) }));
      else out.push(JSON.stringify(base));
    }
    const t0 = performance.now();
    const r = decodeCapture(out.join('\n'));
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(r.lines).toBe(10_000);
    expect(r.failureCount).toBeGreaterThan(1000);
    expect(r.failures.length).toBeLessThanOrEqual(1000);
    expect(r.frames).toBeGreaterThan(1000);
    for (const s of r.streams) expect(s.fdo).toBeInstanceOf(Uint8Array);
  });

  it('a megabyte of 0x5A bytes, a line past the limit and a million-deep JSON line are refused quickly', () => {
    const t0 = performance.now();
    const r1 = decodeCapture('5a'.repeat(250_000));
    expect(r1.frames).toBe(0);
    expect(r1.failureCount).toBeGreaterThan(0);
    const r2 = decodeCapture('{"fullHex":"' + '0'.repeat(700_000) + '"}');
    expect(r2.failures).toEqual([expect.objectContaining({ check: 'limit', line: 1 })]);
    const r3 = decodeCapture('[' + '['.repeat(1_000_000) + ']'.repeat(1_000_000) + ']');
    expect(r3.frames).toBe(0);
    expect(r3.failureCount).toBe(1);
    const r4 = decodeCapture('{"a":' + '['.repeat(250_000) + ']'.repeat(250_000) + '}');
    expect(r4.failures).toEqual([expect.objectContaining({ check: 'line', line: 1 })]);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});

describe('other capture formats', () => {
  it('wiretap\'s decompile view ({len, fullHex}, newest first) is put back in order', () => {
    const minimal = [...lines].reverse().map((l) => JSON.stringify({ len: l.len, fullHex: l.fullHex.toLowerCase() })).join('\n');
    const r = decodeCapture(minimal);
    const ref = decodeCapture(captureText());
    expect(r.format).toBe('minimal');
    expect(r.order).toBe('reversed');
    expect(r.streams.map((s) => [s.direction, s.streamIdHex, toHex(s.fdo)])).toEqual(ref.streams.map((s) => [s.direction, s.streamIdHex, toHex(s.fdo)]));
  });

  it('wiretap records with their extra fields', () => {
    const text = lines.map((l) => JSON.stringify({ ...l, streamId: '0x6300', typeName: 'DATA', crcOk: true, connectionId: 7 })).join('\n');
    const r = decodeCapture(text);
    expect(r.format).toBe('wiretap');
    expect(r.streams).toHaveLength(decodeCapture(captureText()).streams.length);
  });

  it('plain lists of hex frames, one a line or a JSON array; direction from TYPE bit 7', () => {
    const one = decodeCapture(lines.map((l) => l.fullHex).join('\r\n'));
    const arr = decodeCapture(JSON.stringify(lines.map((l) => l.fullHex.toUpperCase())));
    for (const r of [one, arr]) {
      expect(r.failureCount).toBe(0);
      expect(r.order).toBe('as given');
      expect(r.streams.map((s) => `${s.direction} ${s.streamIdHex}`)).toEqual(decodeCapture(captureText()).streams.map((s) => `${s.direction} ${s.streamIdHex}`));
    }
  });

  it('a host\'s native hex decoder gives the same report; bad hex still names its character', () => {
    const native = (t: string) => {
      const b = Buffer.from(t, 'hex');
      return b.length * 2 === t.length ? new Uint8Array(b) : null;
    };
    const text = captureText() + '{"fullHex":"5a9x"}\n5a 97 ad 00 03 28 6e a4 0d\n';
    const a = decodeCapture(text);
    const b = decodeCapture(text, { hexDecoder: native });
    expect(b.failures).toEqual(a.failures);
    expect(b.failures).toEqual([expect.objectContaining({ check: 'line', offset: 3 })]);
    expect(b.streams.map((s) => toHex(s.fdo))).toEqual(a.streams.map((s) => toHex(s.fdo)));
    expect(b.frames).toBe(a.frames);
  });

  it('little-endian stream ids only when asked for', () => {
    const f = buildFrame({ tx: 0x10, rx: 0x10, type: 0x20, payload: new Uint8Array([...payloadHeader('AT', 0x0021), 0, 1, 0]) });
    expect(decodeCapture(toHex(f)).streams[0]!.streamIdHex).toBe('0021');
    expect(decodeCapture(toHex(f), { streamIdOrder: 'little' }).streams[0]!.streamIdHex).toBe('2100');
  });
});
