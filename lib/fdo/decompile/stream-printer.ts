/**
 * Walks a binary stream and prints its atoms (spec 3): one line per atom, stream atoms as
 * `<` … `>` blocks, unknown atoms at column 0, comments as `;text`. Nested streams are
 * walked with an explicit stack of readers, so nesting depth never touches the call stack;
 * each nested stream starts with the current protocol and the sticky prefix that the
 * previous stream nested in the same parent ended with (2.4, 2.5; reader.child*).
 *
 * Layout (3.2, 3.3): one level counter for the whole text. `outdent` lowers a positive level
 * before the line; `indent` raises it after; closing a stream block lowers it without the
 * clamp, so it may go negative, and a negative level prints at column 0.
 */
import { LARGE_ATOM_END, LARGE_ATOM_SEGMENT, LARGE_ATOM_START, T_STREAM } from '../tables';
import { atomEntry } from './atom-index';
import { AtomReader, isCleanStream } from './atom-reader';
import type { AtomReader as Reader } from './atom-reader';
import { LargeAtomAssembly } from './large-atom';
import { FdoError } from '../errors';
import { asciiBytes, TextBuffer, TextLimitReached } from './text-buffer';
import { truncatedAtomError } from './truncation';
import { writeValue } from './values';

const THE_UNKNOWN = asciiBytes('the_unknown <');
const OPEN_VALUE = asciiBytes(' <');
const OPEN_STREAM = 0x3c;
const CLOSE = 0x3e;
const SEMICOLON = 0x3b;
/** Text per binary byte in the corpus is about 9; start there to avoid most regrowth. */
const EXPECTED_TEXT_PER_BYTE = 10;

/** Everything one decompile call changes. */
class Printer {
  readonly out: TextBuffer;
  readonly large = new LargeAtomAssembly();
  level = 0;

  constructor(inputLength: number, maxTextLength: number) {
    this.out = new TextBuffer(inputLength * EXPECTED_TEXT_PER_BYTE + 64, maxTextLength);
  }

  /**
   * Prints one atom with its layout flags. For a stream atom whose data is a clean stream
   * it prints the opening lines and returns a reader for the inner stream; the caller walks
   * it and closes the block.
   */
  atom(protocol: number, atom: number, data: Uint8Array, start: number, end: number): Reader | undefined {
    const out = this.out;
    const entry = atomEntry(protocol, atom);
    if (entry === undefined) {
      out.bytes(THE_UNKNOWN);
      out.decimal(protocol);
      out.separator();
      out.decimal(atom);
      if (start < end) {
        out.separator();
        out.hexList(data, start, end);
      }
      out.byte(CLOSE);
      out.lineEnd();
      return undefined;
    }
    if (entry.outdent && this.level > 0) this.level--;
    if (entry.typeCode === T_STREAM) {
      out.indent(this.level);
      if (isCleanStream(data, start, end)) {
        out.bytes(entry.name);
        out.lineEnd();
        if (entry.indent) this.level++;
        this.level++;
        out.indent(this.level);
        out.byte(OPEN_STREAM);
        out.lineEnd();
        return new AtomReader(data, start, end);
      }
      // Malformed inner data (2.9): one ordinary line with the data as a hex list.
      out.bytes(entry.name);
      out.bytes(OPEN_VALUE);
      out.hexList(data, start, end);
      out.byte(CLOSE);
    } else if (entry.isComment) {
      out.indent(this.level);
      out.byte(SEMICOLON);
      out.slice(data, start, end);
    } else {
      // the common case, in as few buffer checks as possible
      out.lineStart(this.level, entry.name, start < end);
      if (start < end) {
        writeValue(out, entry, data, start, end);
        out.valueEnd();
      } else {
        out.lineEnd();
      }
      if (entry.indent) this.level++;
      return undefined;
    }
    out.lineEnd();
    if (entry.indent) this.level++;
    return undefined;
  }

  /** `>` at the current level, then down one level without the clamp. */
  closeStream(): void {
    this.out.indent(this.level);
    this.out.byte(CLOSE);
    this.out.lineEnd();
    this.level--;
  }

  /** START / SEGMENT / END of a large atom (2.7); only END, or a START too short to name an atom, prints. */
  largeAtomPiece(reader: Reader): Reader | undefined {
    const { data, dataStart, dataEnd } = reader;
    const large = this.large;
    switch (reader.atom) {
      case LARGE_ATOM_START:
        if (large.start(data, dataStart, dataEnd)) return undefined;
        return this.atom(reader.protocol, reader.atom, data, dataStart, dataEnd);
      case LARGE_ATOM_SEGMENT:
        large.append(data, dataStart, dataEnd);
        return undefined;
      default: {
        large.append(data, dataStart, dataEnd);
        const payload = large.take();
        return this.atom(large.protocol, large.atom, payload, 0, payload.length);
      }
    }
  }
}

/** What to raise when the text passes its limit: the caller's output bound, or the absolute cap. */
export type TextLimitKind = 'Output Too Large' | 'Input Too Large';

export function printStream(binary: Uint8Array, maxTextLength: number, limitKind: TextLimitKind = 'Input Too Large'): string {
  const printer = new Printer(binary.length, maxTextLength);
  const readers: Reader[] = [new AtomReader(binary, 0, binary.length)];

  try {
    while (readers.length > 0) {
      const reader = readers[readers.length - 1];
      if (!reader.next()) {
        // Nested streams were checked whole before being entered, so only the top level can fault.
        if (reader.fault !== undefined) throw truncatedAtomError(reader.fault);
        readers.pop();
        if (readers.length > 0) {
          // the next stream nested in the same stream continues from here (2.4, 2.5)
          const parent = readers[readers.length - 1];
          parent.childCurrent = reader.current;
          parent.childSticky = reader.sticky;
          printer.closeStream();
        }
        continue;
      }
      const nested =
        reader.protocol === 0 && reader.atom >= LARGE_ATOM_START && reader.atom <= LARGE_ATOM_END
          ? printer.largeAtomPiece(reader)
          : printer.atom(reader.protocol, reader.atom, reader.data, reader.dataStart, reader.dataEnd);
      if (nested !== undefined) {
        nested.current = reader.childCurrent;
        nested.sticky = reader.childSticky;
        readers.push(nested);
      }
    }
  } catch (error) {
    if (error instanceof TextLimitReached) throw textLimitError(error.limit, limitKind, inputOffset(readers, binary));
    throw error;
  }
  return printer.out.toString();
}

/**
 * The input offset the decoder had reached: the atom being printed by the innermost reader
 * that reads the input itself (readers of reassembled large atoms read a copy), or the end.
 */
function inputOffset(readers: readonly Reader[], binary: Uint8Array): number {
  for (let i = readers.length - 1; i >= 0; i--) {
    if (readers[i].bytes === binary) return readers[i].offset;
  }
  return binary.length;
}

function textLimitError(limit: number, kind: TextLimitKind, offset: number): FdoError {
  return new FdoError({
    kind,
    message: `the decompiled text would be longer than ${limit} bytes (reached at byte offset ${offset} of the input)`,
    offset,
  });
}
