/**
 * The decompiled text as bytes (Latin-1: one byte per character), written in place and
 * turned into a string once at the end. Building the text from millions of small strings
 * instead costs most of the time in string ropes and the garbage collector.
 * One per decompile call.
 */
import { newBytes } from '../byte-arrays';
import { bytesToLatin1 } from '../latin1';
import { HEX_CODES } from '../tables';

/**
 * A text longer than this is refused (Input Too Large), whatever limit the caller asks for. The indentation of long runs of
 * `indent` atoms or deeply nested streams grows quadratically with the input: 32 KB of
 * nested stream atoms print as 200 M characters, which take seconds and most of a GB to
 * build. Ordinary streams print about 10 characters per byte, so this allows inputs of
 * 10 MB and more.
 */
export const MAX_TEXT_LENGTH = 128 * 1024 * 1024;

const INITIAL_LIMIT = 8 * 1024 * 1024;

/**
 * Thrown by a TextBuffer when a write would take the text past its limit; the printer,
 * which knows the input offset reached, turns it into the FdoError the caller sees.
 */
export class TextLimitReached extends Error {
  constructor(readonly limit: number) {
    super(`the decompiled text would be longer than ${limit} bytes`);
    this.name = 'TextLimitReached';
  }
}
const SPACE = 0x20;
const COMMA = 0x2c;
const LETTER_X = 0x78;
const LINE_FEED = 0x0a;

/** The ASCII bytes of a string known to be ASCII (names, keywords). */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export class TextBuffer {
  buf: Uint8Array;
  pos = 0;

  constructor(
    expectedLength: number,
    readonly maxLength: number = MAX_TEXT_LENGTH,
  ) {
    // The guess only saves regrowth: past a few MB, grow on demand rather than reserve.
    // Never larger than the limit: room() only checks the limit when the buffer is full.
    this.buf = newBytes(Math.min(maxLength, Math.max(256, Math.min(expectedLength, INITIAL_LIMIT))));
  }

  /**
   * Makes room for n more bytes. Every writer asks for exactly what it writes, so this one
   * comparison is also the exact check of the text limit (maxTextBytes).
   */
  room(n: number): void {
    // the common case stays small enough to inline at every write; growing is rare
    if (this.pos + n > this.buf.length) this.grow(this.pos + n);
  }

  private grow(needed: number): void {
    if (needed > this.maxLength) throw new TextLimitReached(this.maxLength);
    let size = Math.max(256, this.buf.length * 2);
    while (size < needed) size *= 2;
    const grown = newBytes(Math.min(size, this.maxLength));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Precomputed bytes (names, keywords). */
  bytes(src: Uint8Array): void {
    const n = src.length;
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    if (n < 32) {
      for (let i = 0; i < n; i++) buf[pos++] = src[i];
    } else {
      buf.set(src, pos);
      pos += n;
    }
    this.pos = pos;
  }

  /** A string of Latin-1 characters (rare, short pieces: enum names, decimal numbers). */
  latin1(text: string): void {
    const n = text.length;
    this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** Input bytes start…end-1 unchanged. */
  slice(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    this.room(n);
    if (n < 32) {
      const buf = this.buf;
      let pos = this.pos;
      for (let i = start; i < end; i++) buf[pos++] = src[i];
      this.pos = pos;
    } else {
      this.buf.set(src.subarray(start, end), this.pos);
      this.pos += n;
    }
  }

  /** `, ` */
  separator(): void {
    this.room(2);
    this.buf[this.pos++] = COMMA;
    this.buf[this.pos++] = SPACE;
  }

  /** Bytes start…end-1 as a hex list: `00x, 20x, eax`. */
  hexList(src: Uint8Array, start: number, end: number): void {
    if (start >= end) return;
    this.room((end - start) * 5 - 2);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = start; i < end; i++) {
      if (i !== start) {
        buf[pos++] = COMMA;
        buf[pos++] = SPACE;
      }
      const b = src[i];
      buf[pos++] = HEX_CODES[b >> 4];
      buf[pos++] = HEX_CODES[b & 15];
      buf[pos++] = LETTER_X;
    }
    this.pos = pos;
  }

  /** An integer in decimal (negative allowed). */
  decimal(value: number): void {
    if (value < 0) {
      this.byte(0x2d);
      value = -value;
    }
    // one room() for every value, so this stays small enough to inline at its callers
    let digits = 1;
    for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
    this.room(digits);
    const buf = this.buf;
    let pos = this.pos + digits;
    this.pos = pos;
    for (let v = value; digits > 0; digits--) {
      const q = Math.floor(v / 10);
      buf[--pos] = 0x30 + (v - q * 10);
      v = q;
    }
  }

  /** Two spaces per level; nothing for level 0 or below (spec 3.3). */
  indent(level: number): void {
    if (level <= 0) return;
    const n = level * 2;
    this.room(n);
    if (n < 32) {
      const buf = this.buf;
      let pos = this.pos;
      for (let i = 0; i < n; i++) buf[pos++] = SPACE;
      this.pos = pos;
    } else {
      this.buf.fill(SPACE, this.pos, this.pos + n);
      this.pos += n;
    }
  }

  /** The start of an atom line in one step: indent, name, and ` <` when a value follows. */
  lineStart(level: number, name: Uint8Array, openValue: boolean): void {
    const spaces = level > 0 ? level * 2 : 0;
    const n = name.length;
    this.room(openValue ? spaces + n + 2 : spaces + n);
    const buf = this.buf;
    let pos = this.pos;
    if (spaces < 32) {
      for (let i = 0; i < spaces; i++) buf[pos++] = SPACE;
    } else {
      buf.fill(SPACE, pos, pos + spaces);
      pos += spaces;
    }
    for (let i = 0; i < n; i++) buf[pos++] = name[i];
    if (openValue) {
      buf[pos++] = SPACE;
      buf[pos++] = 0x3c;
    }
    this.pos = pos;
  }

  /** `>` and the line end. */
  valueEnd(): void {
    this.room(2);
    this.buf[this.pos++] = 0x3e;
    this.buf[this.pos++] = LINE_FEED;
  }

  lineEnd(): void {
    this.byte(LINE_FEED);
  }

  toString(): string {
    return bytesToLatin1(this.buf.subarray(0, this.pos));
  }
}
