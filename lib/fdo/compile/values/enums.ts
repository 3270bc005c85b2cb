/** Enumerations (5.5): names, unions `a | b | 4`, numbers. */
import { CH_BAR } from '../chars';
import type { EnumLookup } from '../lookups';
import { isHexNumber, isNumberStart, parseNumber } from '../scan-numbers';
import type { CompileState } from '../state';

/**
 * Reads a name, number or union at st.pos and writes it: a single name, a lone `0x` number
 * or a union in `width` bytes (the table size, or the multi field's width); a lone decimal
 * or octal number in the fewest bytes unless `fixedWidth`.
 */
export function writeEnum(st: CompileState, table: EnumLookup, width: number, fixedWidth: boolean): void {
  const src = st.src;
  let value = 0;
  let parts = 0;
  let named = false;
  let negative = false;
  let hex = false;
  let firstBar = -1;
  const valueStart = st.pos;
  for (;;) {
    const start = st.pos;
    const end = st.wordEnd(start);
    if (end === start) {
      st.fail('Unrecognized Enum', start, `expected an enumeration name or number, found ${st.tokenAt(start)} (value of ${st.atomName()})`);
    }
    let v: number;
    if (isNumberStart(src[start])) {
      v = parseNumber(st, start, end, 'Bad Number Format');
      hex = isHexNumber(src, start, end);
      if (v < 0) {
        if (table.size !== 4 || width !== 4) {
          st.fail('Bad Number Format', start, `negative values need a 4-byte enumeration; ${st.atomName()} takes ${width} byte(s)`);
        }
        negative = true;
      }
    } else {
      v = table.names.lookup(src, start, end);
      if (v < 0) st.fail('Unrecognized Enum', start, `${st.tokenAt(start)} is not a value name of ${st.atomName()}`);
      named = true;
    }
    value = (value | v) >>> 0;
    parts++;
    st.pos = end;
    if (st.skipWs() !== CH_BAR) break;
    if (firstBar < 0) firstBar = st.pos;
    st.pos++;
    st.skipWs();
  }
  if (parts > 1 && table.exclusive) {
    st.fail('Missing Close Bracket', firstBar, `${st.atomName()} takes one value, not a union`);
  }
  // A lone decimal or octal number takes the fewest bytes; a lone 0x number, like a name,
  // the table's size (5.5).
  if (parts === 1 && !named && !fixedWidth && !negative && !hex) {
    st.writeUintMinimal(value);
    return;
  }
  if (width < 4 && value >>> (8 * width) !== 0) {
    st.fail('Value Too Large', valueStart, `the value ${value} does not fit in ${width} byte(s) (value of ${st.atomName()})`);
  }
  st.writeFixed(value, width);
}
