/** Hex dumps for the playground: bytes to rows, and pasted hex back to bytes. */

export interface HexRow {
  offset: string;
  hex: string;
  ascii: string;
}

export function hexRows(bytes: Uint8Array, width = 16, maxRows = Infinity): HexRow[] {
  const rows: HexRow[] = [];
  for (let at = 0; at < bytes.length && rows.length < maxRows; at += width) {
    const slice = bytes.subarray(at, at + width);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < width; i++) {
      if (i === width / 2) hex += ' ';
      if (i < slice.length) {
        const b = slice[i]!;
        hex += b.toString(16).padStart(2, '0') + ' ';
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else {
        hex += '   ';
      }
    }
    rows.push({ offset: at.toString(16).padStart(8, '0'), hex: hex.trimEnd(), ascii });
  }
  return rows;
}

/**
 * Reads hex the way people paste it: pairs with or without spaces, commas, `0x` prefixes,
 * or a hex dump whose lines start with an offset and end with an ASCII column.
 */
export function parseHex(text: string): { bytes: Uint8Array } | { error: string } {
  const lines = text.split(/\r?\n/);
  const out: number[] = [];
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n]!;
    // a hex dump line: "00000010  01 02 ...  |ascii|" or "00000010  01 02 ...  ascii"
    const dump = /^\s*([0-9a-fA-F]{4,8}):?\s{1,}((?:[0-9a-fA-F]{2}\s{1,2}){1,16})/.exec(line);
    if (dump && /\s{2,}\S/.test(line.slice(dump[0].length - 1))) line = dump[2]!;
    else if (dump && dump[1]!.length === 8) line = line.slice(dump[0].indexOf(dump[2]!));
    line = line.replace(/0x/gi, ' ').replace(/[,;]/g, ' ').trim();
    if (!line) continue;
    const compact = line.replace(/\s+/g, '');
    const bad = /[^0-9a-fA-F]/.exec(compact);
    if (bad) return { error: `line ${n + 1}: "${bad[0]}" is not a hex digit` };
    for (const token of line.split(/\s+/)) {
      if (token.length % 2 !== 0) return { error: `line ${n + 1}: "${token}" has an odd number of hex digits` };
      for (let i = 0; i < token.length; i += 2) out.push(parseInt(token.slice(i, i + 2), 16));
    }
  }
  if (out.length === 0) return { error: 'no hex bytes found' };
  return { bytes: Uint8Array.from(out) };
}

/** Index of the first differing byte, or null when equal. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? null : n;
}

/** 0-based character offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  const end = text.indexOf('\n', at);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(at + Math.max(0, column - 1), lineEnd);
}
