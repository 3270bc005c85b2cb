/** multi (18) values: fixed field layouts from atoms.tsv (spec 6.2). */
import type { AtomDef } from '../../tables';
import type { TextBuffer } from '../text-buffer';
import { writeEnum } from './enums';
import { writeAtomRef } from './named';
import { beSigned32 } from './numbers';
import { writeString } from './strings';

/**
 * Fields in order while data remains, joined with `, `; bytes left after the last field
 * print as a dangling `, ` (reference behaviour). false (hex list) when a fixed-width field is
 * cut short or names an unknown atom.
 */
export function writeMulti(out: TextBuffer, def: AtomDef, bytes: Uint8Array, start: number, end: number): boolean {
  const fields = def.fields;
  let pos = start;
  let enumIndex = 0;
  for (let f = 0; f < fields.length && pos < end; f++) {
    if (f > 0) out.separator();
    switch (fields[f]) {
      case 'byte':
        out.decimal(bytes[pos]);
        pos += 1;
        break;
      case 'word':
        if (end - pos < 2) return false;
        out.decimal((bytes[pos] << 8) | bytes[pos + 1]);
        pos += 2;
        break;
      case 'dword4':
        if (end - pos < 4) return false;
        out.decimal(beSigned32(bytes, pos));
        pos += 4;
        break;
      case 'atom':
        if (end - pos < 2 || !writeAtomRef(out, bytes, pos, pos + 2)) return false;
        pos += 2;
        break;
      case 'enum': {
        const table = def.enums[enumIndex++];
        if (table === undefined || end - pos < table.size) return false;
        if (!writeEnum(out, table, bytes, pos, pos + table.size)) return false;
        pos += table.size;
        break;
      }
      case 'string':
        if (!writeString(out, bytes, pos, end)) out.hexList(bytes, pos, end);
        pos = end;
        break;
      default: // raw
        out.hexList(bytes, pos, end);
        pos = end;
        break;
    }
  }
  if (pos < end) out.separator();
  return true;
}
