/**
 * The hash of an atom or keyword name, case-insensitively: the name is read four bytes at
 * a time (big-endian, as a DataView reads them), the rest byte by byte, each byte folded by
 * `| 0x20`: ASCII lower case for letters, digits left alone, so `UNI_Start` and
 * `uni_start` hash alike. Other bytes may collide under the fold; the lookup compares the
 * bytes after the hash.
 *
 * The one definition: the compiler's name tables hash with hashWord, its name scanner
 * (compile/stream.ts) steps the same hash with hashChunk / hashByte as it finds the word's end.
 */

export const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 16777619;
/** `| FOLD4` folds four bytes at once, `| FOLD1` one */
const FOLD4 = 0x20202020;
const FOLD1 = 0x20;

/** The hash after four more bytes, given as one big-endian 32-bit word. */
export function hashChunk(hash: number, word: number): number {
  return Math.imul(hash ^ (word | FOLD4), HASH_PRIME);
}

/** The hash after one more byte. */
export function hashByte(hash: number, byte: number): number {
  return Math.imul(hash ^ (byte | FOLD1), HASH_PRIME);
}

/** The hash of the word src[start, end). */
export function hashWord(src: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  let i = start;
  for (; i + 4 <= end; i += 4) h = hashChunk(h, (src[i] << 24) | (src[i + 1] << 16) | (src[i + 2] << 8) | src[i + 3]);
  for (; i < end; i++) h = hashByte(h, src[i]);
  return h;
}
