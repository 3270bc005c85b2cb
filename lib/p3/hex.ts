/** Hex text <-> bytes without Node's Buffer, so lib/p3 stays pure. */

const DIGITS = '0123456789ABCDEF';
const LOWER = '0123456789abcdef';

/** "00".."FF" and "00".."ff", built once: one table read per byte instead of two. */
const PAIRS_UPPER = Array.from({ length: 256 }, (_, i) => DIGITS[i >> 4]! + DIGITS[i & 15]!);
const PAIRS_LOWER = Array.from({ length: 256 }, (_, i) => LOWER[i >> 4]! + LOWER[i & 15]!);

export function toHex(bytes: Uint8Array, upper = true): string {
  const pairs = upper ? PAIRS_UPPER : PAIRS_LOWER;
  const CHUNK = 4096;
  if (bytes.length <= CHUNK) {
    let out = '';
    for (let i = 0; i < bytes.length; i++) out += pairs[bytes[i]!]!;
    return out;
  }
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) parts.push(toHex(bytes.subarray(at, at + CHUNK), upper));
  return parts.join('');
}

/** ASCII code -> nibble value, -1 for anything that is not a hex digit */
const NIBBLE = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[65 + i] = 10 + i;
    t[97 + i] = 10 + i;
  }
  return t;
})();

/**
 * Bytes of a hex string (either case; spaces, tabs and an optional 0x prefix allowed), or
 * the index of the first character that is not part of a hex pair.
 */
export function fromHex(text: string): { bytes: Uint8Array } | { error: number } {
  let start = 0;
  if (text.startsWith('0x') || text.startsWith('0X')) start = 2;
  const n = text.length - start;
  // the common case: digits only, two per byte
  if ((n & 1) === 0) {
    const out = new Uint8Array(n >> 1);
    let ok = true;
    for (let i = start, k = 0; i < text.length; i += 2, k++) {
      const hi = NIBBLE[text.charCodeAt(i) & 0xff]!;
      const lo = NIBBLE[text.charCodeAt(i + 1) & 0xff]!;
      if (hi < 0 || lo < 0 || text.charCodeAt(i) > 0xff || text.charCodeAt(i + 1) > 0xff) {
        ok = false;
        break;
      }
      out[k] = (hi << 4) | lo;
    }
    if (ok) return { bytes: out };
  }
  const out = new Uint8Array(n >> 1);
  let k = 0;
  let high = -1;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      if (high >= 0) return { error: i };
      continue;
    }
    const v = c > 0xff ? -1 : NIBBLE[c]!;
    if (v < 0) return { error: i };
    if (high < 0) high = v;
    else {
      out[k++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) return { error: text.length };
  return { bytes: out.subarray(0, k) };
}

/** Standard base64 of bytes (no Node APIs). */
export function toBase64(bytes: Uint8Array): string {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += A[v >> 18]! + A[(v >> 12) & 63]! + A[(v >> 6) & 63]! + A[v & 63]!;
  }
  if (i < bytes.length) {
    const v = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += A[v >> 18]! + A[(v >> 12) & 63]! + (i + 1 < bytes.length ? A[(v >> 6) & 63]! : '=') + '=';
  }
  return out;
}
