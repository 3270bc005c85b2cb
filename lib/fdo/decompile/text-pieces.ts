/**
 * Precomputed pieces of FDO text, so that printing a byte never formats a number or builds
 * a one-character string at run time. All tables are frozen at module load.
 */

const HEX_DIGITS = '0123456789abcdef';

/** `HEX_ITEM[b]` is the hex-list item for byte b: "00x" … "ffx". */
export const HEX_ITEM: readonly string[] = Object.freeze(
  Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15] + 'x'),
);

/** `CHAR[b]` is the Latin-1 character for byte b. */
export const CHAR: readonly string[] = Object.freeze(
  Array.from({ length: 256 }, (_, b) => String.fromCharCode(b)),
);

/** `DECIMAL[b]` is byte b in decimal. */
export const DECIMAL: readonly string[] = Object.freeze(
  Array.from({ length: 256 }, (_, b) => String(b)),
);

const CACHED_INDENTS = 64;
const INDENTS: readonly string[] = Object.freeze(
  Array.from({ length: CACHED_INDENTS }, (_, level) => '  '.repeat(level)),
);

/** Two spaces per level; a negative level prints at column 0 (spec 3.3). */
export function indentOf(level: number): string {
  if (level <= 0) return '';
  return level < CACHED_INDENTS ? INDENTS[level] : '  '.repeat(level);
}

/** The bytes start…end-1 as a hex list: `00x, 20x, eax`. */
export function hexList(bytes: Uint8Array, start: number, end: number): string {
  if (start >= end) return '';
  let out = HEX_ITEM[bytes[start]];
  for (let i = start + 1; i < end; i++) out += ', ' + HEX_ITEM[bytes[i]];
  return out;
}

/** The bytes start…end-1 as Latin-1 text, unchanged. */
export function latin1Slice(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 16) {
    let out = '';
    for (let i = start; i < end; i++) out += CHAR[bytes[i]];
    return out;
  }
  let out = '';
  const CHUNK = 0x2000;
  for (let i = start; i < end; i += CHUNK) {
    const stop = i + CHUNK < end ? i + CHUNK : end;
    out += String.fromCharCode.apply(null, bytes.subarray(i, stop) as unknown as number[]);
  }
  return out;
}

/** The big-endian unsigned value of 0-4 bytes (4 bytes may exceed 2^31: kept unsigned). */
export function beUnsigned(bytes: Uint8Array, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + bytes[i];
  return v;
}
