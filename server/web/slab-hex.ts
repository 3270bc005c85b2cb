/**
 * Node's native hex decoder for the capture reader, writing into 1 MB slabs rather than one
 * allocation per line. null (the reader's own decoder then names the bad character) unless
 * the text is all hex pairs.
 */
import type { HexDecoder } from '@/lib/p3';

export function slabHexDecoder(): HexDecoder {
  const SLAB = 1 << 20;
  let slab = Buffer.allocUnsafe(SLAB);
  let used = 0;
  return (text) => {
    if ((text.length & 1) !== 0) return null;
    const n = text.length >> 1;
    if (n > slab.length - used) {
      slab = Buffer.allocUnsafe(Math.max(SLAB, n));
      used = 0;
    }
    if (slab.write(text, used, 'hex') !== n) return null;
    const out = new Uint8Array(slab.buffer, slab.byteOffset + used, n);
    used += n;
    return out;
  };
}
