/**
 * The per-call compiler state: a cursor over the source bytes and the growing output buffer.
 * Every scanning primitive reads bytes (no regex, no substrings on the hot path); every
 * encoder writes straight into `buf`. Text is only made for error messages.
 */
import type { CompileErrorKind } from '../errors';
import { CH_CR, CH_LF, CH_SPACE, CH_TAB, DELIMITER } from './chars';
import { bytesToLatin1 } from '../latin1';
import { compileError, excerpt } from './fail';
import { ATOMS, THE_UNKNOWN } from './lookups';
import { newBytes } from '../byte-arrays';

/** Unused output bytes a result may carry rather than be copied. */
const MAX_RESULT_SLACK = 4096;

export class CompileState {
  readonly src: Uint8Array;
  /** the same bytes, for reading four at a time */
  readonly view: DataView;
  readonly end: number;
  pos = 0;
  buf: Uint8Array;
  len = 0;
  private lastWordStart = -1;
  private lastWordEnd = -1;
  /** the hash of the atom name scanned last (stream.ts), handed to the name table */
  nameHash = 0;
  /** index of the atom whose value is being read, for messages */
  atom = THE_UNKNOWN;

  /** the source as text, made on first need (error messages) unless the caller had it */
  private sourceText: string | undefined;

  constructor(src: Uint8Array, text?: string) {
    this.sourceText = text;
    this.src = src;
    this.view = new DataView(src.buffer, src.byteOffset, src.length);
    this.end = src.length;
    // Binaries run at a sixth of their canonical text (nine in ten below a quarter): a
    // quarter spares most calls a second allocation, which costs more than a small compile.
    this.buf = newBytes((src.length >> 2) + 64);
  }

  ensure(n: number): void {
    if (this.len + n > this.buf.length) this.grow(n);
  }

  /**
   * The finished binary as a view of the output buffer when little of it is unused (no second
   * allocation and copy), else an exact copy, so a large result holds no slack. The view's
   * `.buffer` may be Node's shared Buffer pool: only for callers that read it through the view.
   */
  pooledView(): Uint8Array {
    return this.buf.length - this.len <= MAX_RESULT_SLACK ? this.buf.subarray(0, this.len) : this.buf.slice(0, this.len);
  }

  /** The finished binary as a fresh array of exactly its length, owned by the caller. */
  ownedBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private grow(n: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = newBytes(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Skips whitespace (line ends are spaces, 8.2); returns the next char code or -1 at the end. */
  skipWs(): number {
    const src = this.src;
    const end = this.end;
    let p = this.pos;
    // Indentation is most of canonical text: step over four spaces at a time.
    const view = this.view;
    const end4 = end - 4;
    while (p < end) {
      while (p <= end4 && view.getUint32(p) === 0x20202020) p += 4;
      if (p >= end) break;
      const c = src[p];
      if (c === CH_SPACE || c === CH_LF || c === CH_CR || c === CH_TAB) {
        p++;
        continue;
      }
      this.pos = p;
      return c;
    }
    this.pos = p;
    return -1;
  }

  /** End of the word starting at `start` (a run of characters that are not delimiters). */
  wordEnd(start: number): number {
    // Encoders often look at a value's first word twice (to classify it, then to read it).
    if (start === this.lastWordStart) return this.lastWordEnd;
    const src = this.src;
    const end = this.end;
    let p = start;
    while (p < end && DELIMITER[src[p]] === 0) p++;
    this.lastWordStart = start;
    this.lastWordEnd = p;
    return p;
  }

  /** The token at a position, quoted, for messages. */
  tokenAt(at: number): string {
    if (at >= this.end) return 'the end of the text';
    const wordEnd = this.wordEnd(at);
    return excerpt(this.text(at, wordEnd > at ? wordEnd : at + 1));
  }

  /** The source text between two positions (error path only). */
  text(start: number, end: number): string {
    return this.fullText().slice(start, end);
  }

  private fullText(): string {
    if (this.sourceText === undefined) this.sourceText = bytesToLatin1(this.src);
    return this.sourceText;
  }

  atomName(): string {
    return this.atom === THE_UNKNOWN ? 'the_unknown' : ATOMS[this.atom].name;
  }

  fail(kind: CompileErrorKind, at: number, message: string): never {
    throw compileError(this.fullText(), kind, at, message);
  }

  writeByte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** 0 ... 4,294,967,295 in the fewest big-endian bytes (at least one). */
  writeUintMinimal(v: number): void {
    this.ensure(4);
    const buf = this.buf;
    let w = this.len;
    if (v >= 0x1000000) buf[w++] = v >>> 24;
    if (v >= 0x10000) buf[w++] = (v >>> 16) & 0xff;
    if (v >= 0x100) buf[w++] = (v >>> 8) & 0xff;
    buf[w++] = v & 0xff;
    this.len = w;
  }

  /** The low `size` bytes of v, big-endian (v is taken as a 32-bit pattern). */
  writeFixed(v: number, size: number): void {
    this.ensure(size);
    const buf = this.buf;
    let w = this.len;
    if (size >= 4) buf[w++] = v >>> 24;
    if (size >= 3) buf[w++] = (v >>> 16) & 0xff;
    if (size >= 2) buf[w++] = (v >>> 8) & 0xff;
    buf[w++] = v & 0xff;
    this.len = w;
  }
}
