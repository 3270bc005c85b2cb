/** enum (19) values and enum fields of multi atoms: exclusive, flags and masked tables (spec 5). */
import type { EnumTable } from '../../tables';
import { beUnsigned } from '../text-pieces';

/** Decimal; a value read from 4 bytes is signed (5.1). */
function decimal(value: number, fromFourBytes: boolean): string {
  return String(fromFourBytes ? value | 0 : value);
}

/** The names or numbers the table gives the data, joined with ` | `; null (hex list) when nothing can be printed. */
export function formatEnum(table: EnumTable, bytes: Uint8Array, start: number, end: number): string | null {
  const n = end - start;
  let width: number;
  if (table.kind === 'exclusive') width = table.size === 1 ? 1 : n < 4 ? n : 4;
  else width = n < table.size ? n : table.size;
  const value = beUnsigned(bytes, start, start + width);
  const fourBytes = width === 4;
  switch (table.kind) {
    case 'exclusive': return exclusive(table, value, fourBytes);
    case 'flags': return flags(table, value);
    default: return masked(table, value, fourBytes);
  }
}

function exclusive(table: EnumTable, value: number, fourBytes: boolean): string {
  const items = table.items;
  for (let i = 0; i < items.length; i++) if (items[i].value === value) return items[i].name;
  return decimal(value, fourBytes);
}

function flags(table: EnumTable, value: number): string {
  const items = table.items;
  if (value === 0) {
    for (let i = 0; i < items.length; i++) if (items[i].value === 0) return items[i].name;
    return '0';
  }
  let out = '';
  let rest = value;
  for (let i = 0; i < items.length; i++) {
    const bits = items[i].value;
    if (bits !== 0 && ((rest & bits) >>> 0) === bits) {
      out += out === '' ? items[i].name : ' | ' + items[i].name;
      rest = (rest & ~bits) >>> 0;
    }
  }
  // Leftover bits one by one, lowest first; bit 31 is the sign bit of a 4-byte value.
  for (let bit = 0; rest !== 0 && bit < 32; bit++) {
    const mask = 2 ** bit;
    if ((rest & mask) !== 0) {
      const part = bit === 31 ? '-2147483648' : String(mask);
      out += out === '' ? part : ' | ' + part;
      rest -= mask;
    }
  }
  return out;
}

function masked(table: EnumTable, value: number, fourBytes: boolean): string | null {
  const items = table.items;
  const matchedMasks: number[] = [];
  let covered = 0;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (((value & item.mask) >>> 0) === item.bits && !matchedMasks.includes(item.mask)) {
      matchedMasks.push(item.mask);
      covered |= item.mask;
      out += out === '' ? item.name : ' | ' + item.name;
    }
  }
  const rest = (value & ~covered) >>> 0;
  if (rest !== 0) out += out === '' ? decimal(rest, fourBytes) : ' | ' + decimal(rest, fourBytes);
  // Nothing matched and nothing left: the reference crashes (5.4 c).
  return out === '' ? null : out;
}
