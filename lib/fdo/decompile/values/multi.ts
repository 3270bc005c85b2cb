/** multi (18) values: fixed field layouts from atoms.tsv (spec 6.2). */
import type { AtomDef } from '../../tables';
import { DECIMAL, hexList } from '../text-pieces';
import { formatEnum } from './enums';
import { beSigned32 } from './numbers';
import { formatAtomRef } from './named';
import { formatString } from './strings';

/**
 * Fields in order while data remains, joined with `, `; bytes left after the last field
 * print as a dangling `, ` (reference behaviour). null (hex list) when a fixed-width field is
 * cut short or names an unknown atom.
 */
export function formatMulti(def: AtomDef, bytes: Uint8Array, start: number, end: number): string | null {
  const fields = def.fields;
  let out = '';
  let pos = start;
  let enumIndex = 0;
  for (let f = 0; f < fields.length && pos < end; f++) {
    let part: string | null;
    switch (fields[f]) {
      case 'byte':
        part = DECIMAL[bytes[pos]];
        pos += 1;
        break;
      case 'word':
        if (end - pos < 2) return null;
        part = String((bytes[pos] << 8) | bytes[pos + 1]);
        pos += 2;
        break;
      case 'dword4':
        if (end - pos < 4) return null;
        part = String(beSigned32(bytes, pos));
        pos += 4;
        break;
      case 'atom':
        if (end - pos < 2) return null;
        part = formatAtomRef(bytes, pos, pos + 2);
        pos += 2;
        break;
      case 'enum': {
        const table = def.enums[enumIndex++];
        if (table === undefined || end - pos < table.size) return null;
        part = formatEnum(table, bytes, pos, pos + table.size);
        pos += table.size;
        break;
      }
      case 'string':
        part = formatString(bytes, pos, end) ?? hexList(bytes, pos, end);
        pos = end;
        break;
      default: // raw
        part = hexList(bytes, pos, end);
        pos = end;
        break;
    }
    if (part === null) return null;
    out += f === 0 ? part : ', ' + part;
  }
  if (pos < end) out += ', ';
  return out;
}
