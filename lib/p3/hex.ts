/** Hex text <-> bytes without Node's Buffer, so lib/p3 stays pure. */

const DIGITS = '0123456789ABCDEF';
const LOWER = '0123456789abcdef';

export function toHex(bytes: Uint8Array, upper = true): string {
  const d = upper ? DIGITS : LOWER;
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += d[bytes[i]! >> 4]! + d[bytes[i]! & 15]!;
  return out;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Bytes of a hex string (either case; spaces, tabs and an optional 0x prefix allowed), or
 * the index of the first character that is not part of a hex pair.
 */
export function fromHex(text: string): { bytes: Uint8Array } | { error: number } {
  let s = text;
  let shift = 0;
  if (s.startsWith('0x') || s.startsWith('0X')) { s = s.slice(2); shift = 2; }
  const out = new Uint8Array(s.length >> 1);
  let n = 0;
  let high = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) {
      if (high >= 0) return { error: i + shift };
      continue;
    }
    const v = nibble(c);
    if (v < 0) return { error: i + shift };
    if (high < 0) high = v;
    else { out[n++] = (high << 4) | v; high = -1; }
  }
  if (high >= 0) return { error: s.length + shift };
  return { bytes: out.subarray(0, n) };
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
