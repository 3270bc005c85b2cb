/**
 * Large JSON answers without several copies: decompiled text arrives as Latin-1 bytes from
 * the daemon, and goes into the answer's UTF-8 JSON bytes piece by piece as the answer is
 * written (instead of bytes -> string -> JSON string -> UTF-8 buffer: four whole copies of
 * a text that may be tens of megabytes, and one long block of the event loop).
 */

const HEX = '0123456789abcdef';
const SHORT: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 }; // \b \t \n \f \r

/** Writes Latin-1 bytes as the inside of a JSON string into `out` at `at`; returns the end. */
function writeEscaped(latin1: Uint8Array, out: Uint8Array, at: number): number {
  for (let i = 0; i < latin1.length; i++) {
    const b = latin1[i]!;
    if (b >= 0x20 && b < 0x80 && b !== 0x22 && b !== 0x5c) {
      out[at++] = b;
    } else if (b >= 0x80) {
      out[at++] = 0xc0 | (b >> 6);
      out[at++] = 0x80 | (b & 0x3f);
    } else if (b === 0x22 || b === 0x5c) {
      out[at++] = 0x5c;
      out[at++] = b;
    } else if (SHORT[b] !== undefined) {
      out[at++] = 0x5c;
      out[at++] = SHORT[b]!;
    } else {
      out[at++] = 0x5c;
      out[at++] = 0x75; // u
      out[at++] = 0x30;
      out[at++] = 0x30;
      out[at++] = HEX.charCodeAt(b >> 4);
      out[at++] = HEX.charCodeAt(b & 15);
    }
  }
  return at;
}

/** Bytes of text escaped per piece: a piece takes a few milliseconds, so the event loop turns between pieces. */
export const PIECE_BYTES = 512 * 1024;

/**
 * `{"success":true,"source":"<text>",...fields}` as UTF-8 pieces, the text written from its
 * Latin-1 bytes a piece at a time: memory is one piece, never a copy of the whole text.
 */
export function* decompiledJson(latin1: Uint8Array, fields: Record<string, unknown>, pieceBytes = PIECE_BYTES): Generator<Uint8Array> {
  yield Buffer.from('{"success":true,"source":"', 'latin1');
  for (let at = 0; at < latin1.length; at += pieceBytes) {
    const part = latin1.subarray(at, Math.min(latin1.length, at + pieceBytes));
    // at most 6 bytes per input byte (\u00XX)
    const out = Buffer.allocUnsafe(part.length * 6);
    yield out.subarray(0, writeEscaped(part, out, 0));
  }
  const rest = JSON.stringify(fields);
  yield Buffer.from(rest === '{}' ? '"}' : `",${rest.slice(1)}`, 'utf8');
}
