/**
 * A case-insensitive name -> number table that looks names up straight from a slice of the
 * source bytes, so the hot path never allocates a substring per atom name.
 *
 * The hash is tables/name-hash.ts (case-folded, so any case finds a name); comparing the
 * bytes after the hash settles every lookup.
 */
import { lowerCode } from './chars';
import { hashWord } from '../tables';

/** Ints per slot: hash, offset of the name in `chars`, its length, its value. */
const SLOT = 4;

/** The slot of a hash: mixed, because the chunk hash leaves its low bits weak. */
function slotOf(hash: number, mask: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) & mask;
}

export class NameHash {
  /** open addressing, SLOT ints per slot, so one probe reads one cache line */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** all names' characters (lower case) back to back */
  private readonly chars: Uint8Array;
  private readonly charWords: DataView;

  /** entries: [name, value]; names are compared in lower case; the first of duplicates wins */
  constructor(entries: Iterable<readonly [string, number]>) {
    const names = new Map<string, number>();
    for (const [name, value] of entries) {
      const key = name.toLowerCase();
      if (key.length === 0) throw new Error('a name table entry is empty');
      if (!names.has(key)) names.set(key, value);
    }
    let size = 8;
    while (size < names.size * 3) size <<= 1;
    this.mask = size - 1;
    this.slots = new Int32Array(size * SLOT);
    let total = 0;
    for (const key of names.keys()) total += key.length;
    this.chars = new Uint8Array(total + 4);
    this.charWords = new DataView(this.chars.buffer);
    let at = 0;
    for (const [key, value] of names) {
      for (let k = 0; k < key.length; k++) this.chars[at + k] = key.charCodeAt(k);
      const h = hashWord(this.chars, at, at + key.length);
      let slot = slotOf(h, this.mask);
      while (this.slots[slot * SLOT + 2] !== 0) slot = (slot + 1) & this.mask;
      const s = slot * SLOT;
      this.slots[s] = h;
      this.slots[s + 1] = at;
      this.slots[s + 2] = key.length;
      this.slots[s + 3] = value;
      at += key.length;
    }
  }

  /** The value of the name src[start, end) in any case, or -1. */
  lookup(src: Uint8Array, start: number, end: number): number {
    return this.find(src, start, end, hashWord(src, start, end));
  }

  /**
   * As lookup, with the word's hash already computed by the caller's scan; with a DataView
   * over src the comparison runs four bytes at a time.
   */
  find(src: Uint8Array, start: number, end: number, hash: number, srcView?: DataView): number {
    const len = end - start;
    const slots = this.slots;
    let slot = slotOf(hash, this.mask);
    for (;;) {
      const s = slot * SLOT;
      const n = slots[s + 2];
      if (n === 0) return -1;
      if (slots[s] === hash && n === len) {
        const at = slots[s + 1];
        // Canonical text is lower case: the exact comparison settles almost every lookup.
        const chars = this.chars;
        const words = this.charWords;
        const view = srcView;
        let k = 0;
        if (view !== undefined) while (k + 4 <= len && view.getInt32(start + k) === words.getInt32(at + k)) k += 4;
        while (k < len && src[start + k] === chars[at + k]) k++;
        if (k === len || sameIgnoringCase(src, start, chars, at, len)) return slots[s + 3];
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

function sameIgnoringCase(src: Uint8Array, start: number, chars: Uint8Array, at: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (lowerCode(src[start + k]) !== chars[at + k]) return false;
  return true;
}
