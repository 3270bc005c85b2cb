/**
 * A case-insensitive name -> number table that looks names up straight from a slice of the
 * source bytes, so the hot path never allocates a substring per atom name.
 */
import * as charsModule from './chars';

// Imported bindings copied once into locals: loaders that turn imports into property
// getters (tsx, vitest) would otherwise run a getter on every use in the hot loops.
const { lowerCode } = charsModule;

export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 16777619;

/** The hash of a word: h = imul(h ^ lower(c), HASH_PRIME) over its characters from HASH_SEED. */
function hashName(name: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ lowerCode(name.charCodeAt(i)), HASH_PRIME);
  return h;
}

function hashSlice(src: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lowerCode(src[i]), HASH_PRIME);
  return h;
}

export class NameHash {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly names: string[] = [];
  private readonly values: Int32Array;
  private readonly hashes: Int32Array;
  /** all names' characters back to back, and where each starts, for a tight comparison loop */
  private readonly chars: Uint8Array;
  private readonly charWords: DataView;
  private readonly offsets: Int32Array;

  /** entries: [name, value]; names are compared in lower case; the first of duplicates wins */
  constructor(entries: Iterable<readonly [string, number]>) {
    const list = [...entries];
    let size = 8;
    while (size < list.length * 3) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    const seen = new Set<string>();
    const values: number[] = [];
    const hashes: number[] = [];
    for (const [name, value] of list) {
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const h = hashName(key);
      let slot = (h ^ (h >>> 13)) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.names.push(key);
      values.push(value);
      hashes.push(h);
      this.slots[slot] = this.names.length;
    }
    // Typed arrays keep the 32-bit hashes unboxed in the lookup loop.
    this.values = Int32Array.from(values);
    this.hashes = Int32Array.from(hashes);
    this.offsets = new Int32Array(this.names.length + 1);
    this.chars = new Uint8Array(this.names.reduce((n, name) => n + name.length, 0) + 4);
    this.charWords = new DataView(this.chars.buffer);
    this.names.forEach((name, i) => {
      const at = this.offsets[i];
      for (let k = 0; k < name.length; k++) this.chars[at + k] = name.charCodeAt(k);
      this.offsets[i + 1] = at + name.length;
    });
  }

  /** The value of the name src[start, end) in any case, or -1. */
  lookup(src: Uint8Array, start: number, end: number): number {
    return this.find(src, start, end, hashSlice(src, start, end));
  }

  /**
   * As lookup, with the word's hash already computed by the caller's scan; with a DataView
   * over src the comparison runs four bytes at a time.
   */
  find(src: Uint8Array, start: number, end: number, hash: number, srcView?: DataView): number {
    const len = end - start;
    let slot = (hash ^ (hash >>> 13)) & this.mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const i = entry - 1;
      if (this.hashes[i] === hash) {
        const at = this.offsets[i];
        if (this.offsets[i + 1] - at === len) {
          // Canonical text is lower case: the exact comparison settles almost every lookup.
          const chars = this.chars;
          const words = this.charWords;
          const view = srcView;
          let k = 0;
          if (view !== undefined) while (k + 4 <= len && view.getUint32(start + k) === words.getUint32(at + k)) k += 4;
          while (k < len && src[start + k] === chars[at + k]) k++;
          if (k === len || sameIgnoringCase(src, start, this.names[i])) return this.values[i];
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

function sameIgnoringCase(src: Uint8Array, start: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (lowerCode(src[start + k]) !== name.charCodeAt(k)) return false;
  return true;
}
