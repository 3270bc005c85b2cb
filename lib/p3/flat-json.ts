/**
 * A JSON object of one level whose values are strings without escapes, numbers, true,
 * false or null: the shape of every capture line. Reading it directly is several times
 * cheaper than JSON.parse and allocates only the values. Anything else (escapes, nesting,
 * whitespace, a control character in a string, a malformed number) answers undefined and
 * the caller uses JSON.parse, so the accepted subset parses exactly as JSON.parse would.
 */

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** Index of the closing quote of a plain string starting after `from`, or -1. */
function plainStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i;
    if (c === 0x5c || c < 0x20) return -1;
  }
  return -1;
}

export function parseFlatObject(text: string): Record<string, string | number | boolean | null> | undefined {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== 0x7b || text.charCodeAt(n - 1) !== 0x7d) return undefined;
  const out: Record<string, string | number | boolean | null> = Object.create(null);
  if (n === 2) return out;
  let i = 1;
  for (;;) {
    if (text.charCodeAt(i) !== 0x22) return undefined;
    const keyEnd = plainStringEnd(text, i + 1);
    if (keyEnd < 0 || text.charCodeAt(keyEnd + 1) !== 0x3a) return undefined;
    const key = text.slice(i + 1, keyEnd);
    i = keyEnd + 2;
    let end: number;
    if (text.charCodeAt(i) === 0x22) {
      const valueEnd = plainStringEnd(text, i + 1);
      if (valueEnd < 0) return undefined;
      out[key] = text.slice(i + 1, valueEnd);
      end = valueEnd + 1;
    } else {
      end = i;
      while (end < n - 1 && text.charCodeAt(end) !== 0x2c) end++;
      const literal = text.slice(i, end);
      if (literal === 'true') out[key] = true;
      else if (literal === 'false') out[key] = false;
      else if (literal === 'null') out[key] = null;
      else if (NUMBER.test(literal)) out[key] = Number(literal);
      else return undefined;
    }
    if (end === n - 1) return out;
    if (text.charCodeAt(end) !== 0x2c) return undefined;
    i = end + 1;
  }
}
