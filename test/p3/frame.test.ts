/** The document's test vectors (p3-framing.md §1, §3), frame by frame, and frame checks. */
import { describe, expect, it } from 'vitest';
import {
  buildFrame, crc16arc, decodePayload, parseFrame, parseFrames, payloadHeader, nextSequence, toHex,
} from '@/lib/p3';
import { latin1ToBytes } from '@/lib/fdo';
import { hexBytes } from './support';

const FH_REQUEST = '5a93d800282a75a0666800630001001b00001b0304ff00f024003c0401015dee1b020401015dee1b04000002000d';
/** uni_start_stream, dod_start, dod_form_id, uni_transaction_id, dod_gid, dod_end, uni_end_stream */
const FH_FDO = '0001001b00001b0304ff00f024003c0401015dee1b020401015dee1b0400000200';
const REPLY_FIRST = '5a78410033762a20415400630001000001001b0000003c0401015dee1b0b001b0304ff00f0241b020401015dee1b0101020004041b05027c0d';
const REPLY_SEGMENT = '5ad2c90080772a2041540063000576010001000200780200000000000009022c01dc0000005402000024000000000000006591470000004a47040e000000008c160000dc002c012305a0880100b0170e0bb61ef448c84cccccb3124cdecbf23854ccc4c4bcac8c642bebdb338312a25cccc4c4bcac8c642bebd99b8312a258841c01aada910d';
const REPLY_END = '5a3cfb00447c2a204154006300062e52d52d52d52d52d52d52d52d52d52d52d52d52d52d52d593190b2d52d52d52d52d52d52d52d52d52d52d52d5cfcb1b0d001b04000002000112000d';

function parsed(hex: string) {
  const r = parseFrame(hexBytes(hex));
  if (!('frame' in r)) throw new Error(`vector does not parse: ${r.failure.message}`);
  return r.frame;
}

describe('CRC-16/ARC', () => {
  it('has the catalogue check value for "123456789"', () => {
    expect(crc16arc(latin1ToBytes('123456789'))).toBe(0xbb3d);
  });
});

describe('control frames', () => {
  it.each([
    ['5a97ad0003286ea40d', 0x28, 0x6e, 0xa4, 'ACK', true],
    ['5a62fc00033e2f260d', 0x3e, 0x2f, 0x26, 'HEARTBEAT', false],
    ['5ab71100037f7f240d', 0x7f, 0x7f, 0x24, 'ACK', false],
  ])('%s parses with its fields and is rebuilt from them', (hex, tx, rx, type, name, client) => {
    const f = parsed(hex);
    expect({ tx: f.tx, rx: f.rx, type: f.type, typeName: f.typeName, client: f.client, len: f.len, payload: f.payload.length })
      .toEqual({ tx, rx, type, typeName: name, client, len: 3, payload: 0 });
    expect(toHex(buildFrame({ tx, rx, type, payload: new Uint8Array(0) }), false)).toBe(hex);
  });
});

describe('the fh request (stream 0063)', () => {
  it('parses: type A0 from the client, tx 2A rx 75, token fh, big-endian stream id 0x0063', () => {
    const f = parsed(FH_REQUEST);
    expect([f.type, f.tx, f.rx, f.client]).toEqual([0xa0, 0x2a, 0x75, true]);
    const p = decodePayload(f.payload);
    if (!('data' in p)) throw new Error(p.failure.message);
    expect(p.data.token).toBe('fh');
    expect(p.data.streamId).toBe(0x0063);
    expect(toHex(p.data.fdo, false)).toBe(FH_FDO);
  });

  it('is rebuilt byte for byte from its fields', () => {
    const f = parsed(FH_REQUEST);
    const payload = new Uint8Array([...payloadHeader('fh', 0x63), ...hexBytes(FH_FDO)]);
    expect(toHex(buildFrame({ tx: f.tx, rx: f.rx, type: f.type, payload }), false)).toBe(FH_REQUEST);
  });
});

describe('the 0063 reply', () => {
  it('first frame: 44 FDO bytes ending with START(dod_data, 636 bytes)', () => {
    const f = parsed(REPLY_FIRST);
    const p = decodePayload(f.payload);
    if (!('data' in p)) throw new Error(p.failure.message);
    expect([f.tx, f.rx, f.type, p.data.token, p.data.streamId]).toEqual([0x76, 0x2a, 0x20, 'AT', 0x63]);
    expect(p.data.fdo.length).toBe(44);
    expect(toHex(p.data.fdo.subarray(37), false)).toBe('0004041b05027c');
  });

  it('segment frame: 00 05 76 + 118 bytes in a 134-byte frame', () => {
    const f = parsed(REPLY_SEGMENT);
    expect(f.bytes.length).toBe(134);
    expect(f.len).toBe(128);
    const p = decodePayload(f.payload);
    if (!('data' in p)) throw new Error(p.failure.message);
    expect(Array.from(p.data.fdo.subarray(0, 3))).toEqual([0x00, 0x05, 0x76]);
    expect(p.data.fdo.length).toBe(121);
  });

  it('end frame: END (46 bytes) followed by the closing atoms', () => {
    const f = parsed(REPLY_END);
    const p = decodePayload(f.payload);
    if (!('data' in p)) throw new Error(p.failure.message);
    expect(f.tx).toBe(0x7c);
    expect(Array.from(p.data.fdo.subarray(0, 3))).toEqual([0x00, 0x06, 46]);
    // dod_end_data, dod_end, uni_end_stream, man_update_woff_end_stream <00x>
    expect(toHex(p.data.fdo.subarray(49), false)).toBe('1b0d001b0400000200011200');
  });

  it.each([REPLY_FIRST, REPLY_SEGMENT, REPLY_END])('frame %# is rebuilt byte for byte from its fields', (hex) => {
    const f = parsed(hex);
    expect(toHex(buildFrame({ tx: f.tx, rx: f.rx, type: f.type, payload: f.payload }), false)).toBe(hex);
  });
});

describe('frame checks', () => {
  const good = hexBytes(REPLY_FIRST);

  it('names the failed check and the byte', () => {
    const badSync = good.slice(); badSync[0] = 0x5b;
    const badCrc = good.slice(); badCrc[20] ^= 1;
    const badEnd = good.slice(); badEnd[badEnd.length - 1] = 0x0a;
    const lowLen = good.slice(); lowLen[3] = 0; lowLen[4] = 2;
    const cases: [Uint8Array, string, number][] = [
      [badSync, 'sync', 0],
      [badCrc, 'crc', 1],
      [badEnd, 'terminator', good.length - 1],
      [good.subarray(0, good.length - 1), 'short', 3],
      [good.subarray(0, 8), 'short', 0],
      [lowLen, 'length', 3],
    ];
    for (const [bytes, check, offset] of cases) {
      const r = parseFrame(bytes);
      expect('failure' in r && [r.failure.check, r.failure.offset]).toEqual([check, offset]);
    }
  });

  it('LEN, not 0x0D, delimits frames: several frames in one buffer, with junk and a bad CRC between', () => {
    const bad = hexBytes(REPLY_SEGMENT); bad[30] ^= 0xff;
    const buf = new Uint8Array([...good, 0x0d, 0x0d, ...bad, ...hexBytes(REPLY_END), ...hexBytes('5a97ad0003286ea40d')]);
    const list = parseFrames(buf);
    expect(list.frames.map((f) => f.tx)).toEqual([0x76, 0x7c, 0x28]);
    expect(list.failures.map((f) => f.check)).toEqual(['sync', 'crc']);
  });

  it('sequence numbers wrap 0x7F -> 0x10', () => {
    expect(nextSequence(0x7e)).toBe(0x7f);
    expect(nextSequence(0x7f)).toBe(0x10);
  });
});

describe('payload tokens', () => {
  it('sizes the stream id by token, big-endian; little-endian only on request', () => {
    expect(Array.from(payloadHeader('AT', 0x63))).toEqual([0x41, 0x54, 0x00, 0x63]);
    expect(Array.from(payloadHeader('AT', 0x63, 'little'))).toEqual([0x41, 0x54, 0x63, 0x00]);
    expect(Array.from(payloadHeader('At', 0x010203))).toEqual([0x41, 0x74, 1, 2, 3]);
    expect(Array.from(payloadHeader('at', 0x01020304))).toEqual([0x61, 0x74, 1, 2, 3, 4]);
    expect(Array.from(payloadHeader('aT', 0))).toEqual([0x61, 0x54]);
    const p = decodePayload(new Uint8Array([0x61, 0x74, 1, 2, 3, 4, 0x00, 0x01, 0x00]));
    expect('data' in p && [p.data.streamId, p.data.fdo.length]).toEqual([0x01020304, 3]);
  });

  it('reads f2 as a GID request, not FDO', () => {
    const f = parsed('5a474500092b7ca0663201015dee0d');
    const p = decodePayload(f.payload);
    expect('data' in p && [p.data.kind, p.data.gid, p.data.streamId]).toEqual(['gid', '1-1-24046', null]);
  });

  it('reports a payload too short for its token', () => {
    const p = decodePayload(new Uint8Array([0x41, 0x54, 0x00]));
    expect('failure' in p && p.failure.check).toBe('payload');
  });
});
