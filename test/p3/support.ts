/** The DOD capture of the repository, read for the P3 tests. */
import fs from 'node:fs';
import path from 'node:path';

export const CAPTURE_PATH = path.join(__dirname, 'dod-capture.jsonl');

import type { FrameRecord } from '../../lib/p3/records';

/** one line of the capture: the record lib/p3 reads and writes */
export type CaptureLine = FrameRecord;

export function captureText(): string {
  return fs.readFileSync(CAPTURE_PATH, 'latin1');
}

export function captureLines(): CaptureLine[] {
  return captureText().split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as CaptureLine);
}

export function hexBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** One capture line for each frame, as the capture's producer writes them. */
export function asCaptureJsonl(frames: readonly { bytes: Uint8Array }[], dir: 'C->S' | 'S->C' = 'S->C'): string {
  return frames.map((f, i) => JSON.stringify({ dir, ts: String(1.7e9 + i), fullHex: Buffer.from(f.bytes).toString('hex') })).join('\n') + '\n';
}
