/**
 * A case-insensitive name -> number table that looks names up straight from a slice of the
 * source text, so the hot path never allocates a substring per atom name.
 */
import { lowerCode } from './chars';

function hashSlice(src: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lowerCode(src.charCodeAt(i)), 16777619);
  return h;
}

export class NameHash {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly names: string[] = [];
  private readonly values: number[] = [];
  private readonly hashes: number[] = [];

  /** entries: [name, value]; names are compared in lower case; the first of duplicates wins */
  constructor(entries: Iterable<readonly [string, number]>) {
    const list = [...entries];
    let size = 8;
    while (size < list.length * 3) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const [name, value] of list) {
      const key = name.toLowerCase();
      if (this.lookup(key, 0, key.length) !== -1) continue;
      const h = hashSlice(key, 0, key.length);
      let slot = (h ^ (h >>> 13)) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.names.push(key);
      this.values.push(value);
      this.hashes.push(h);
      this.slots[slot] = this.names.length;
    }
  }

  /** The value of the name src[start, end) in any case, or -1. */
  lookup(src: string, start: number, end: number): number {
    const h = hashSlice(src, start, end);
    const len = end - start;
    let slot = (h ^ (h >>> 13)) & this.mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const i = entry - 1;
      if (this.hashes[i] === h) {
        const name = this.names[i];
        if (name.length === len) {
          let k = 0;
          while (k < len && lowerCode(src.charCodeAt(start + k)) === name.charCodeAt(k)) k++;
          if (k === len) return this.values[i];
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}
