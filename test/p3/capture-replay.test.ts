/**
 * Every host reply of the real capture: reassemble, decompile, compile the text again,
 * chunk with the capture's token, stream id and first TX/RX: the frames are the capture's,
 * byte for byte. Works per script, so multi-GID replies (several scripts on one stream id)
 * follow the same path.
 */
import { describe, expect, it } from 'vitest';
import { chunkScripts, decodeCapture, toHex, type StreamReport } from '@/lib/p3';
import { compile, decompile } from '@/lib/fdo';
import { asCaptureJsonl, captureLines, captureText } from './support';

const report = decodeCapture(captureText());
const lines = captureLines();
const hostStreams = report.streams.filter((s) => s.direction === 'S->C');

const captureHex = lines.map((l) => l.fullHex.toUpperCase());

/** The capture's own DATA frames of a stream between two frame indexes (one frame per line here). */
function framesOf(s: StreamReport, first: number, last: number): string[] {
  const out: string[] = [];
  for (let i = first; i <= last; i++) {
    const h = captureHex[i]!;
    if (lines[i]!.dir === s.direction && h.slice(14, 16) === '20' && h.slice(16, 20) === '4154' && h.slice(20, 24) === s.streamIdHex) out.push(h);
  }
  return out;
}

describe('the DOD capture', () => {
  it('reads every line and checks every frame', () => {
    expect(report.format).toBe('capture');
    expect(report.frames).toBe(lines.length);
    expect(report.failureCount).toBe(0);
    expect(report.skipped.control).toBe(lines.filter((l) => (parseInt(l.type, 16) & 0x7f) !== 0x20).length);
    expect(report.gidRequests.map((g) => g.gid)).toEqual(lines.filter((l) => l.token === 'f2').map((l) => {
      const b = Buffer.from(l.fullHex, 'hex');
      return `${b[10]}-${b[11]}-${b.readUInt16BE(12)}`;
    }));
  });

  it('holds the host replies on streams 0062, 0063, 0064, B78E and CEBF, each with its art as a large atom', () => {
    expect(hostStreams.map((s) => s.streamIdHex)).toEqual(expect.arrayContaining(['0062', '0063', '0064', 'B78E', 'CEBF']));
    for (const s of hostStreams) {
      expect(s.token).toBe('AT');
      expect(s.failures).toEqual([]);
      expect(s.largeAtoms).toBeGreaterThanOrEqual(1);
    }
  });

  it('has the document\'s frame sizes per reply', () => {
    const sizes = (id: string) => {
      const s = hostStreams.find((x) => x.streamIdHex === id)!;
      return framesOf(s, s.firstFrame, s.lastFrame).map((h) => h.length / 2 - 13);
    };
    expect(sizes('0062')).toEqual([71, 121, 121, 121, 121, 121, 84]);
    expect(sizes('0063')).toEqual([44, 121, 121, 121, 121, 121, 61]);
    expect(sizes('0064')).toEqual([44, 121, 121, 121, 121, 121, 121, 119, 3]);
    expect(sizes('B78E')).toEqual([72, 121, 121, 121, 121, 121, 121, 120, 13]);
  });

  for (const s of hostStreams) {
    it(`stream ${s.streamIdHex}: decompile, compile, chunk gives the captured frames byte for byte`, () => {
      const want = framesOf(s, s.firstFrame, s.lastFrame);
      const got: string[] = [];
      for (const script of s.scripts) {
        const text = decompile(script.fdo);
        const bytes = compile(text);
        expect(toHex(bytes)).toBe(toHex(script.fdo));
        const r = chunkScripts([bytes], { token: s.token, streamId: s.streamId!, tx: script.txFirst, rx: script.rx });
        got.push(...r.frames.map((f) => toHex(f.bytes)));
      }
      expect(got).toEqual(want);
    });
  }

  it('reports the DOD facts of the 0063 reply: form id, GID, transaction id, JG art 300x220', () => {
    const s = hostStreams.find((x) => x.streamIdHex === '0063')!;
    expect(s.dod.formIds).toEqual(['255-0-61476']);
    expect(s.dod.gids).toEqual(['1-1-24046']);
    expect(s.dod.transactionIds).toEqual([0x0101_5dee]);
    expect(s.dod.art).toEqual([{ atom: 'dod_data', offset: 37, bytes: 636, magic: '0902', kind: 'JG', width: 300, height: 220, size: 596 }]);
    const text = decompile(s.fdo);
    expect(text).toContain('dod_data <');
    expect(text).not.toContain('uni_large_atom_segment');
  });

  it('the f2 answer (IDB download) carries the same art in idb_append_data', () => {
    const s = hostStreams.find((x) => x.streamIdHex === 'CEBF')!;
    expect(s.dod.art.map((a) => [a.atom, a.kind, a.width, a.height, a.size])).toEqual([['idb_append_data', 'JG', 300, 220, 596]]);
  });
});

describe('multi-GID replies: several scripts on one stream id', () => {
  const replies = hostStreams.filter((s) => s.streamIdHex === '0063' || s.streamIdHex === '0064').map((s) => s.scripts[0]!.fdo);

  it('each script starts a new frame; decoding finds the scripts and re-chunking them gives the same frames', () => {
    for (const budget of [121, 60, 200]) {
      const batch = chunkScripts([replies[0]!, replies[1]!, replies[0]!], { token: 'AT', streamId: 0x70, tx: 0x7a, rx: 0x33, budget });
      const decoded = decodeCapture(asCaptureJsonl(batch.frames), { budget });
      expect(decoded.streams).toHaveLength(1);
      const s = decoded.streams[0]!;
      const again = s.scripts.flatMap((sc) => chunkScripts([sc.fdo], { token: 'AT', streamId: 0x70, tx: sc.txFirst, rx: sc.rx, budget }).frames);
      expect(again.map((f) => toHex(f.bytes))).toEqual(batch.frames.map((f) => toHex(f.bytes)));
      expect(toHex(s.fdo)).toBe(toHex(new Uint8Array([...replies[0]!, ...replies[1]!, ...replies[0]!])));
      expect(s.dod.gids).toEqual(['1-1-24046', '1-1-24230', '1-1-24046']);
      expect(s.dod.art).toHaveLength(3);
    }
  });

  it('scripts chunked with their own TX/RX (another stream in between) are found by the TX jump', () => {
    const a = chunkScripts([replies[0]!], { streamId: 0x70, tx: 0x20, rx: 0x40 });
    const b = chunkScripts([replies[1]!], { streamId: 0x71, tx: a.nextTx, rx: 0x40 });
    const c = chunkScripts([replies[1]!], { streamId: 0x70, tx: b.nextTx, rx: 0x41 });
    const decoded = decodeCapture(asCaptureJsonl([...a.frames, ...b.frames, ...c.frames]));
    const s = decoded.streams.find((x) => x.streamId === 0x70)!;
    expect(s.scripts.map((x) => [x.txFirst, x.rx])).toEqual([[0x20, 0x40], [b.nextTx, 0x41]]);
  });
});
