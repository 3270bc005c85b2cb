/**
 * Walks a binary stream and prints its atoms (spec 3): one line per atom, stream atoms as
 * `<` … `>` blocks, unknown atoms at column 0, comments as `; text`. Nested streams are
 * walked with an explicit stack of readers, so nesting depth never touches the call stack.
 */
import { FdoError } from '../errors';
import { atomByCode, COMMENT_ATOM, LARGE_ATOM_END, LARGE_ATOM_SEGMENT, LARGE_ATOM_START } from '../tables';
import { AtomReader, isCleanStream, STYLE_NAMES, type AtomFault } from './atom-reader';
import { LargeAtomAssembly } from './large-atom';
import { TextLayout } from './text-layout';
import { DECIMAL, hexList, latin1Slice } from './text-pieces';
import { formatValue } from './values';

export function printStream(binary: Uint8Array): string {
  const layout = new TextLayout();
  const large = new LargeAtomAssembly();
  const readers: AtomReader[] = [new AtomReader(binary, 0, binary.length)];
  while (readers.length > 0) {
    const reader = readers[readers.length - 1];
    if (!reader.next()) {
      // Nested streams were checked whole before being entered, so only the top level can fault.
      if (reader.fault !== undefined) throw truncated(reader.fault);
      readers.pop();
      if (readers.length > 0) layout.closeStream();
      continue;
    }
    let nested: AtomReader | undefined;
    if (reader.protocol === 0 && reader.atom >= LARGE_ATOM_START && reader.atom <= LARGE_ATOM_END) {
      nested = largeAtomPiece(reader, layout, large);
    } else {
      nested = printAtom(layout, reader.protocol, reader.atom, reader.data, reader.dataStart, reader.dataEnd);
    }
    if (nested !== undefined) readers.push(nested);
  }
  return layout.text();
}

/** START / SEGMENT / END of a large atom; only END (or a START too short to name an atom) prints. */
function largeAtomPiece(reader: AtomReader, layout: TextLayout, large: LargeAtomAssembly): AtomReader | undefined {
  const { data, dataStart, dataEnd } = reader;
  switch (reader.atom) {
    case LARGE_ATOM_START:
      if (large.start(data, dataStart, dataEnd)) return undefined;
      return printAtom(layout, reader.protocol, reader.atom, data, dataStart, dataEnd);
    case LARGE_ATOM_SEGMENT:
      large.append(data, dataStart, dataEnd);
      return undefined;
    default: {
      large.append(data, dataStart, dataEnd);
      const payload = large.take();
      return printAtom(layout, large.protocol, large.atom, payload, 0, payload.length);
    }
  }
}

/**
 * Prints one atom with its layout flags. For a stream atom whose data is a clean stream it
 * prints the opening lines and returns a reader for the inner stream; the caller walks it
 * and closes the block.
 */
function printAtom(
  layout: TextLayout, protocol: number, atom: number, data: Uint8Array, start: number, end: number,
): AtomReader | undefined {
  const def = atomByCode(protocol, atom);
  if (def === undefined) {
    const head = 'the_unknown <' + DECIMAL[protocol] + ', ' + DECIMAL[atom];
    layout.column0(start < end ? head + ', ' + hexList(data, start, end) + '>' : head + '>');
    return undefined;
  }
  if (def.outdent) layout.outdent();
  if (def.type === 'stream') {
    if (isCleanStream(data, start, end)) {
      layout.line(def.name);
      if (def.indent) layout.indent();
      layout.indent();
      layout.line('<');
      return new AtomReader(data, start, end);
    }
    layout.line(def.name + ' <' + hexList(data, start, end) + '>');
  } else if (protocol === COMMENT_ATOM.protocol && atom === COMMENT_ATOM.atom) {
    layout.line(';' + latin1Slice(data, start, end));
  } else if (start === end) {
    layout.line(def.name);
  } else {
    layout.line(def.name + ' <' + formatValue(def, data, start, end) + '>');
  }
  if (def.indent) layout.indent();
  return undefined;
}

function truncated(fault: AtomFault): FdoError {
  const style = STYLE_NAMES[fault.style];
  let which = `the ${style}-style atom at byte offset ${fault.offset}`;
  if (fault.protocol !== undefined) {
    const def = fault.atom !== undefined ? atomByCode(fault.protocol, fault.atom) : undefined;
    which += fault.atom !== undefined
      ? ` (protocol ${fault.protocol}, atom ${fault.atom}${def ? `, ${def.name}` : ''})`
      : ` (protocol ${fault.protocol})`;
  }
  const remain = `${fault.remaining} byte${fault.remaining === 1 ? '' : 's'} remain${fault.remaining === 1 ? 's' : ''}`;
  const problem = fault.declared !== undefined
    ? `declares ${fault.declared} data bytes but the input ends after ${fault.remaining} bytes of it, header included (${remain})`
    : `has an incomplete header: it needs ${fault.headerNeeded} header bytes and only ${remain}`;
  return new FdoError({ kind: 'Truncated Atom', message: `Truncated Atom: ${which} ${problem}`, offset: fault.offset });
}
