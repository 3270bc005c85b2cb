/**
 * Property tests of the chunker against reassembly: random forms built from the corpus's
 * compiled atoms (plus large data atoms, also of protocols >= 32), random budgets 20..512,
 * batches of 1-3 scripts. Chunk then reassemble gives the compiled bytes back; every frame
 * is within budget and passes its checks; atoms are cut only through the large-atom atoms.
 */
import { describe, expect, it } from 'vitest';
import {
  chunkScripts, decodeCapture, decodePayload, joinLargeAtoms, parseFrame, scanAtoms, toHex, nextSequence, P3Error,
} from '@/lib/p3';
import { compile } from '@/lib/fdo';
import { loadCorpus } from '../support/corpus';
import { randomInt, seededRandom } from '../support/random';
import { asCaptureJsonl } from './support';

const rand = seededRandom(0x9e3779b9);

/** Every top-level atom of the corpus binaries (they are compiled, FULL style). */
const ATOMS: Uint8Array[] = [];
for (const pair of [...loadCorpus('samples'), ...loadCorpus('generated')]) {
  const scan = scanAtoms(pair.binary, true);
  expect(scan.failure).toBeUndefined();
  for (const a of scan.atoms) {
    const bytes = pair.binary.subarray(a.start, a.end);
    // user-written large-atom pieces do not round-trip by design (fdo-format.md 2.7)
    if (a.protocol === 0 && a.atom >= 4 && a.atom <= 6) continue;
    ATOMS.push(bytes);
  }
}

function hexList(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`${randomInt(rand, 256).toString(16).padStart(2, '0')}x`);
  return parts.join(', ');
}

/** A large data atom: dod_data (27/5), idb_append_data (5/11) or a protocol-34 raw atom via the_unknown. */
function largeAtom(): Uint8Array {
  const n = 100 + randomInt(rand, rand() < 0.2 ? 40_000 : 2_000);
  const which = randomInt(rand, 3);
  const text = which === 0 ? `dod_data <${hexList(n)}>\n` : which === 1 ? `idb_append_data <${hexList(n)}>\n` : `the_unknown <34, 7, ${hexList(n)}>\n`;
  return compile(text);
}

function randomScript(): Uint8Array {
  const parts: Uint8Array[] = [];
  const count = 1 + randomInt(rand, 60);
  for (let i = 0; i < count; i++) parts.push(rand() < 0.06 ? largeAtom() : ATOMS[randomInt(rand, ATOMS.length)]!);
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

const isPiece = (p: number, a: number) => p === 0 && a >= 4 && a <= 6;

describe('chunk then reassemble', () => {
  it('300 random batches: bytes back, frames within budget and valid, atoms whole', () => {
    let largeSeen = 0;
    for (let round = 0; round < 300; round++) {
      const budget = 20 + randomInt(rand, 493);
      const scripts = Array.from({ length: 1 + randomInt(rand, 3) }, randomScript);
      const tx = 0x10 + randomInt(rand, 0x70);
      const rx = 0x10 + randomInt(rand, 0x70);
      const streamId = randomInt(rand, 0x10000);
      const r = chunkScripts(scripts, { token: 'AT', streamId, budget, tx, rx });
      const ctx = `round ${round}, budget ${budget}`;

      let expectTx = tx;
      let starts = 0;
      for (const f of r.frames) {
        const p = parseFrame(f.bytes);
        if (!('frame' in p)) throw new Error(`${ctx}: ${p.failure.message}`);
        expect(p.frame.tx, ctx).toBe(expectTx);
        expect(p.frame.rx, ctx).toBe(rx);
        expectTx = nextSequence(expectTx);
        const d = decodePayload(p.frame.payload);
        if (!('data' in d)) throw new Error(`${ctx}: ${d.failure.message}`);
        expect([d.data.token, d.data.streamId], ctx).toEqual(['AT', streamId]);
        expect(d.data.fdo.length, ctx).toBeGreaterThan(0);
        expect(d.data.fdo.length, ctx).toBeLessThanOrEqual(budget);
        // no atom crosses the frame's end
        const scan = scanAtoms(d.data.fdo, true);
        expect(scan.failure, ctx).toBeUndefined();
        for (const a of scan.atoms) {
          if (isPiece(a.protocol, a.atom)) { if (a.atom === 4) starts++; continue; }
          expect(a.end - a.start, ctx).toBeLessThanOrEqual(budget);
        }
      }
      // a START for exactly the atoms larger than the budget; the compiler's own split
      // (START [P, A] + SEGMENTs + END, for data over 32,767 bytes) stands for one such atom
      const expectedStarts = scripts.reduce((n, x) => n + scanAtoms(x, true).atoms.filter((a) =>
        isPiece(a.protocol, a.atom) ? a.atom === 4 : a.end - a.start > budget).length, 0);
      expect(starts, ctx).toBe(expectedStarts);
      largeSeen += starts;

      // reassembly gives the compiled bytes back, per script and as a whole
      const decoded = decodeCapture(asCaptureJsonl(r.frames), { budget });
      expect(decoded.failureCount, ctx).toBe(0);
      expect(decoded.streams, ctx).toHaveLength(1);
      const s = decoded.streams[0]!;
      expect(s.failures, ctx).toEqual([]);
      const all = new Uint8Array(scripts.reduce((n, x) => n + x.length, 0));
      let at = 0;
      for (const x of scripts) { all.set(x, at); at += x.length; }
      expect(toHex(s.fdo), ctx).toBe(toHex(all));
      // and the scripts it finds chunk to the same frames
      const again = s.scripts.flatMap((sc) => chunkScripts([sc.fdo], { streamId, budget, tx: sc.txFirst, rx: sc.rx }).frames);
      expect(again.map((f) => toHex(f.bytes)), ctx).toEqual(r.frames.map((f) => toHex(f.bytes)));
    }
    expect(largeSeen).toBeGreaterThan(20);
  });

  it('joinLargeAtoms alone turns one frame\'s worth of pieces into the atom', () => {
    const atom = compile(`dod_data <${hexList(500)}>\n`);
    const r = chunkScripts([atom], { budget: 64 });
    const wire = new Uint8Array(r.frames.reduce((n, f) => n + f.fdo.length, 0));
    let at = 0;
    for (const f of r.frames) { wire.set(f.fdo, at); at += f.fdo.length; }
    const j = joinLargeAtoms(wire);
    expect([j.largeAtoms, j.failures]).toEqual([1, []]);
    expect(toHex(j.fdo)).toBe(toHex(atom));
    expect(r.frames.map((f) => f.largeAtom)).toEqual([['start'], ...Array(r.frames.length - 2).fill(['segment']), ['end']]);
  });
});

describe('chunker limits and options', () => {
  it('data over 65,535 bytes cannot be a P3 large atom: a typed error naming the script and byte', () => {
    const small = compile('uni_start_stream\n');
    const huge = compile(`man_append_data <"${'a'.repeat(70_000)}">\n`);
    try {
      chunkScripts([small, new Uint8Array([...small, ...huge])]);
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(P3Error);
      expect((err as P3Error).toJSON()).toMatchObject({ kind: 'Atom Too Large', script: 1, offset: small.length });
    }
  });

  it('the compiler\'s split form up to 65,535 bytes is sent as one large atom', () => {
    const bin = compile(`man_append_data <"${'b'.repeat(40_000)}">\n`);
    expect(Array.from(bin.subarray(0, 5))).toEqual([0, 4, 2, 1, 0x14]);
    const r = chunkScripts([bin]);
    expect(Array.from(r.frames[0]!.fdo)).toEqual([0, 4, 4, 1, 0x14, 40_000 >> 8, 40_000 & 0xff]);
    const decoded = decodeCapture(asCaptureJsonl(r.frames));
    expect(toHex(decoded.streams[0]!.fdo)).toBe(toHex(bin));
  });

  it.each([
    [{ token: 'A' }, 'Bad Token'],
    [{ token: 'f2' }, 'Bad Token'],
    [{ streamId: 0x10000 }, 'Bad Stream Id'],
    [{ token: 'aT', streamId: 1 }, 'Bad Stream Id'],
    [{ streamId: -1 }, 'Bad Stream Id'],
    [{ budget: 7 }, 'Bad Budget'],
    [{ budget: 121.5 }, 'Bad Budget'],
    [{ tx: 0x0f }, 'Bad Sequence'],
    [{ rx: 0x80 }, 'Bad Sequence'],
    [{ type: 0x24 }, 'Bad Type'],
  ])('refuses %j with %s', (options, kind) => {
    expect(() => chunkScripts([compile('uni_start_stream\n')], options)).toThrow(expect.objectContaining({ kind }));
  });

  it('refuses streams the compiler does not write (compact styles)', () => {
    expect(() => chunkScripts([new Uint8Array([0x20, 0x21, 0x00])])).toThrow(expect.objectContaining({ kind: 'Not Full Style', offset: 0 }));
    expect(() => chunkScripts([new Uint8Array([0x00, 0x01, 0x05, 0x00])])).toThrow(expect.objectContaining({ kind: 'Truncated Atom', offset: 0 }));
  });

  it('writes 3- and 4-byte stream ids for At and at, none for aT', () => {
    const src = compile('uni_start_stream\n');
    expect(toHex(chunkScripts([src], { token: 'At', streamId: 0xabcdef }).frames[0]!.payload.subarray(0, 5))).toBe('4174ABCDEF');
    expect(toHex(chunkScripts([src], { token: 'at', streamId: 0x01020304 }).frames[0]!.payload.subarray(0, 6))).toBe('617401020304');
    expect(toHex(chunkScripts([src], { token: 'aT' }).frames[0]!.payload)).toBe('6154' + toHex(src));
  });
});
