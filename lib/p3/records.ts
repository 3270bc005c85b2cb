/**
 * How frames and streams are written out: a frame as a capture line
 * ({dir, ts, token, type, tx, rx, len, fullHex}, the capture's own format), and the
 * names and titles of decoded streams.
 */
import type { ChunkFrame } from './chunk';
import type { StreamReport } from './decode';
import { toHex } from './hex';

export interface FrameRecord {
  dir: 'C->S' | 'S->C';
  ts: string;
  token: string;
  type: string;
  tx: string;
  rx: string;
  len: number;
  fullHex: string;
}

const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

/** Seconds as the capture writes them (Java's Double.toString: "1.75654743124E9"). */
export function captureTimestamp(unixSeconds: number): string {
  const [mantissa, exponent] = unixSeconds.toExponential().split('e');
  const m = mantissa!.includes('.') ? mantissa! : `${mantissa}.0`;
  return `${m}E${Number(exponent)}`;
}

export function frameRecord(f: ChunkFrame, ts: string): FrameRecord {
  return {
    dir: f.type & 0x80 ? 'C->S' : 'S->C',
    ts,
    token: f.token,
    type: hex2(f.type),
    tx: hex2(f.tx),
    rx: hex2(f.rx),
    len: f.len,
    fullHex: toHex(f.bytes, false),
  };
}

/** "S->C AT 0063 frames 10-16 (7 frames)" */
export function streamTitle(s: StreamReport): string {
  const id = s.streamIdHex === '' ? '(no stream id)' : s.streamIdHex;
  const range = s.firstFrame === s.lastFrame ? `frame ${s.firstFrame}` : `frames ${s.firstFrame}-${s.lastFrame}`;
  return `${s.direction} ${s.token} ${id} ${range} (${s.frameCount} frame${s.frameCount === 1 ? '' : 's'}, lines ${s.firstLine}-${s.lastLine})`;
}

/** "s2c-AT-0063": safe as a file name whatever the token bytes are. */
export function streamFileName(s: StreamReport): string {
  const dir = s.direction === 'S->C' ? 's2c' : 'c2s';
  const token = Array.from(s.token, (c) => (/[A-Za-z0-9]/.test(c) ? c : `x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)).join('');
  return `${dir}-${token}-${s.streamIdHex || 'none'}`;
}
