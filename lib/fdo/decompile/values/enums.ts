/** enum (19) values and enum fields of multi atoms: exclusive, flags and masked tables (spec 5). */
import type { EnumTable } from '../../tables';
import type { TextBuffer } from '../text-buffer';
import { beUnsigned } from './numbers';

const BAR = Uint8Array.of(0x20, 0x7c, 0x20); // ` | `

/** The names or numbers the table gives the data, joined with ` | `; false (hex list) when nothing can be printed. */
export function writeEnum(out: TextBuffer, table: EnumTable, bytes: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  let width: number;
  if (table.kind === 'exclusive') width = table.size === 1 ? 1 : n < 4 ? n : 4;
  else width = n < table.size ? n : table.size;
  const value = beUnsigned(bytes, start, start + width);
  // A value read from 4 bytes prints signed (5.1).
  const fourBytes = width === 4;
  switch (table.kind) {
    case 'exclusive':
      return exclusive(out, table, value, fourBytes);
    case 'flags':
      return flags(out, table, value);
    default:
      return masked(out, table, value, fourBytes);
  }
}

function exclusive(out: TextBuffer, table: EnumTable, value: number, fourBytes: boolean): boolean {
  const items = table.items;
  for (let i = 0; i < items.length; i++) {
    if (items[i].value === value) {
      out.latin1(items[i].name);
      return true;
    }
  }
  out.decimal(fourBytes ? value | 0 : value);
  return true;
}

function flags(out: TextBuffer, table: EnumTable, value: number): boolean {
  const items = table.items;
  if (value === 0) {
    for (let i = 0; i < items.length; i++) {
      if (items[i].value === 0) {
        out.latin1(items[i].name);
        return true;
      }
    }
    out.decimal(0);
    return true;
  }
  let parts = 0;
  let rest = value;
  for (let i = 0; i < items.length; i++) {
    const bits = items[i].value;
    if (bits !== 0 && (rest & bits) >>> 0 === bits) {
      if (parts++ > 0) out.bytes(BAR);
      out.latin1(items[i].name);
      rest = (rest & ~bits) >>> 0;
    }
  }
  // Leftover bits one by one, lowest first; bit 31 is the sign bit of a 4-byte value.
  for (let bit = 0; rest !== 0 && bit < 32; bit++) {
    const mask = 2 ** bit;
    if ((rest & mask) !== 0) {
      if (parts++ > 0) out.bytes(BAR);
      out.decimal(bit === 31 ? -mask : mask);
      rest -= mask;
    }
  }
  return true;
}

function masked(out: TextBuffer, table: EnumTable, value: number, fourBytes: boolean): boolean {
  const items = table.items;
  const matchedMasks: number[] = [];
  let covered = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if ((value & item.mask) >>> 0 === item.bits && !matchedMasks.includes(item.mask)) {
      if (matchedMasks.length > 0) out.bytes(BAR);
      matchedMasks.push(item.mask);
      covered |= item.mask;
      out.latin1(item.name);
    }
  }
  const rest = (value & ~covered) >>> 0;
  if (rest !== 0) {
    if (matchedMasks.length > 0) out.bytes(BAR);
    out.decimal(fourBytes ? rest | 0 : rest);
    return true;
  }
  // Nothing matched and nothing left: the reference crashes (5.4 c).
  return matchedMasks.length > 0;
}
