/**
 * Reads the atoms of one stream (spec 2.2-2.5): the eight encoding styles, the prefix byte
 * and the length fields. One reader per stream. Its current protocol and its prefix byte
 * in force (S = 1) start as the previous stream nested in the same parent left them (the
 * printer hands them on through the parent's child* fields; 0 and none for the first).
 * Observed on the reference engine: the spec's 2.4 says "per nesting depth", but a stream
 * nested in another parent (a cousin) starts afresh.
 * It never reads past `end`: an atom that would is reported through `fault` instead.
 */

export const STYLE_NAMES = ['FULL', 'LENGTH', 'DATA', 'ATOM', 'CURRENT', 'ZERO', 'ONE', 'PREFIX'] as const;

/** The data bytes that compact styles imply without storing them: DATA's 0-7, ZERO's 00, ONE's 01. */
const IMPLIED_VALUES = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);

/** Why an atom could not be read: its header or its data runs past the end of the stream. */
export interface AtomFault {
  /** offset of the atom's first byte (after any prefix) in the reader's buffer */
  offset: number;
  style: number;
  /** protocol, when the header got far enough to know it */
  protocol?: number;
  /** atom number, when known */
  atom?: number;
  /** data length the header declares, when known */
  declared?: number;
  /** header bytes the style needs, when the header itself is cut */
  headerNeeded?: number;
  /** bytes left in the stream from the atom's first byte */
  remaining: number;
  /** bytes left after the header, when the header is whole */
  dataRemaining?: number;
}

export class AtomReader {
  /** the atom just read: protocol (0-127) and atom number (0-255) */
  protocol = 0;
  atom = 0;
  /** offset of the atom's first byte (after any prefix) */
  offset = 0;
  /** its data is data[dataStart…dataEnd-1]; `data` is the stream's buffer or the implied values */
  data: Uint8Array;
  dataStart = 0;
  dataEnd = 0;
  /** set when next() stopped on an atom that runs past the end */
  fault: AtomFault | undefined;

  /** the current protocol (2.4): set by FULL, LENGTH and DATA, used by the other styles */
  current = 0;
  /** the last prefix byte when its S bit is set, else -1: it modifies every atom until the next prefix (2.5) */
  sticky = -1;
  /**
   * What the next stream nested in this one starts with: the current protocol and the
   * sticky prefix the previous nested stream ended with (0 and none for the first).
   */
  childCurrent = 0;
  childSticky = -1;

  private pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
    this.data = bytes;
  }

  /** Reads the next atom; false at the end of the stream or on a fault. */
  next(): boolean {
    const bytes = this.bytes;
    const end = this.end;
    const pos = this.pos;
    if (pos >= end) {
      this.pos = end;
      return false;
    }
    // No prefix byte here and none in force: the common case, without the prefix arithmetic.
    if (bytes[pos] < 0xe0 && this.sticky < 0) return this.readPlain(bytes, end, pos);
    return this.readPrefixed(bytes, end, pos);
  }

  /** next() for an atom with no prefix byte and no sticky prefix: protocol and atom as stored. */
  private readPlain(bytes: Uint8Array, end: number, pos: number): boolean {
    const first = bytes[pos];
    const style = first >> 5;
    const low = first & 31;
    this.offset = pos;
    let protocol: number;
    let atom: number;
    switch (style) {
      case 0: {
        // FULL
        if (pos + 2 >= end) return this.cut(pos, style, low, pos + 1 < end ? bytes[pos + 1] : undefined, 3, -1);
        protocol = low;
        atom = bytes[pos + 1];
        let length = bytes[pos + 2];
        let dataStart = pos + 3;
        if (length & 0x80) {
          if (pos + 3 >= end) return this.cut(pos, style, low, atom, 4, -1);
          length = ((length & 0x7f) << 8) | bytes[pos + 3];
          dataStart = pos + 4;
        }
        if (!this.setData(bytes, dataStart, length, pos, style, protocol, atom, -1)) return false;
        this.current = low;
        break;
      }
      case 1: {
        // LENGTH
        if (pos + 1 >= end) return this.cut(pos, style, low, undefined, 2, -1);
        const second = bytes[pos + 1];
        protocol = low;
        atom = second & 31;
        if (!this.setData(bytes, pos + 2, second >> 5, pos, style, protocol, atom, -1)) return false;
        this.current = low;
        break;
      }
      case 2: {
        // DATA
        if (pos + 1 >= end) return this.cut(pos, style, low, undefined, 2, -1);
        const second = bytes[pos + 1];
        protocol = low;
        atom = second & 31;
        const value = second >> 5;
        this.data = IMPLIED_VALUES;
        this.dataStart = value;
        this.dataEnd = value + 1;
        this.pos = pos + 2;
        this.current = low;
        break;
      }
      case 3: // ATOM
        protocol = this.current;
        atom = low;
        this.data = bytes;
        this.dataStart = this.dataEnd = pos + 1;
        this.pos = pos + 1;
        break;
      case 4: {
        // CURRENT: one length byte, 0-255
        protocol = this.current;
        atom = low;
        if (pos + 1 >= end) return this.cut(pos, style, protocol, atom, 2, -1);
        if (!this.setData(bytes, pos + 2, bytes[pos + 1], pos, style, protocol, atom, -1)) return false;
        break;
      }
      default: // 5 ZERO, 6 ONE
        protocol = this.current;
        atom = low;
        this.data = IMPLIED_VALUES;
        this.dataStart = style - 5;
        this.dataEnd = style - 4;
        this.pos = pos + 1;
        break;
    }
    this.protocol = protocol;
    this.atom = atom;
    return true;
  }

  /** next() for an atom after prefix bytes or under a sticky prefix (2.4, 2.5). */
  private readPrefixed(bytes: Uint8Array, end: number, start: number): boolean {
    let pos = start;
    let prefix = this.sticky;
    // Only the last of several prefix bytes counts, and it replaces a sticky one; a
    // trailing prefix is ignored (2.5). A sticky one also raises the current protocol by
    // its offset, which no later prefix byte lowers (observed on the reference engine).
    if (pos < end && bytes[pos] >= 0xe0) {
      do prefix = bytes[pos++];
      while (pos < end && bytes[pos] >= 0xe0);
      if ((prefix & 1) === 1) {
        this.sticky = prefix;
        this.current |= ((prefix >> 3) & 3) << 5;
      } else {
        this.sticky = -1;
      }
    }
    if (pos >= end) {
      this.pos = end;
      return false;
    }
    /** the prefix's protocol offset (PP × 32), and whether the prefix is a sticky one */
    const offset = prefix < 0 ? 0 : ((prefix >> 3) & 3) << 5;
    const sticky = prefix >= 0 && (prefix & 1) === 1;
    const first = bytes[pos];
    const style = first >> 5;
    const low = first & 31;
    this.offset = pos;
    let protocol: number;
    let atom: number;
    switch (style) {
      case 0: {
        // FULL
        protocol = low | offset;
        if (pos + 2 >= end) return this.cut(pos, style, protocol, pos + 1 < end ? bytes[pos + 1] : undefined, 3, prefix);
        atom = bytes[pos + 1];
        let length = bytes[pos + 2];
        let dataStart = pos + 3;
        if (length & 0x80) {
          if (pos + 3 >= end) return this.cut(pos, style, protocol, atom, 4, prefix);
          length = ((length & 0x7f) << 8) | bytes[pos + 3];
          dataStart = pos + 4;
        }
        if (!this.setData(bytes, dataStart, length, pos, style, protocol, atom, prefix)) return false;
        // the current protocol keeps a sticky prefix's offset, not a one-atom prefix's (2.4)
        this.current = sticky ? protocol : low;
        break;
      }
      case 1: {
        // LENGTH
        protocol = low | offset;
        if (pos + 1 >= end) return this.cut(pos, style, protocol, undefined, 2, prefix);
        const second = bytes[pos + 1];
        atom = second & 31;
        if (!this.setData(bytes, pos + 2, second >> 5, pos, style, protocol, atom, prefix)) return false;
        this.current = sticky ? protocol : low;
        break;
      }
      case 2: {
        // DATA
        protocol = low | offset;
        if (pos + 1 >= end) return this.cut(pos, style, protocol, undefined, 2, prefix);
        const second = bytes[pos + 1];
        atom = second & 31;
        const value = second >> 5;
        this.data = IMPLIED_VALUES;
        this.dataStart = value;
        this.dataEnd = value + 1;
        this.pos = pos + 2;
        this.current = sticky ? protocol : low;
        break;
      }
      // The compact styles take the current protocol, which already holds a sticky
      // prefix's offset; a one-atom prefix adds its own.
      case 3: // ATOM
        protocol = this.current | offset;
        atom = low;
        this.data = bytes;
        this.dataStart = this.dataEnd = pos + 1;
        this.pos = pos + 1;
        break;
      case 4: {
        // CURRENT: one length byte, 0-255
        protocol = this.current | offset;
        atom = low;
        if (pos + 1 >= end) return this.cut(pos, style, protocol, atom, 2, prefix);
        if (!this.setData(bytes, pos + 2, bytes[pos + 1], pos, style, protocol, atom, prefix)) return false;
        break;
      }
      default: // 5 ZERO, 6 ONE
        protocol = this.current | offset;
        atom = low;
        this.data = IMPLIED_VALUES;
        this.dataStart = style - 5;
        this.dataEnd = style - 4;
        this.pos = pos + 1;
        break;
    }
    // after an atom with a one-atom prefix the current protocol loses a sticky offset
    // (observed: e9 FULL 23/3, then e0 CURRENT 3 is 55/3 and a plain CURRENT 1 after it 23/1)
    if (prefix >= 0 && !sticky) this.current &= 31;
    this.protocol = protocol;
    this.atom = prefixedAtom(atom, prefix);
    return true;
  }

  private setData(bytes: Uint8Array, dataStart: number, length: number, pos: number, style: number, protocol: number, atom: number, prefix: number): boolean {
    if (dataStart + length > this.end) {
      this.fault = {
        offset: pos,
        style,
        protocol,
        atom: prefixedAtom(atom, prefix),
        declared: length,
        remaining: this.end - pos,
        dataRemaining: this.end - dataStart,
      };
      this.pos = this.end;
      return false;
    }
    this.data = bytes;
    this.dataStart = dataStart;
    this.dataEnd = dataStart + length;
    this.pos = dataStart + length;
    return true;
  }

  private cut(pos: number, style: number, protocol: number | undefined, atom: number | undefined, headerNeeded: number, prefix: number): false {
    this.fault = {
      offset: pos,
      style,
      headerNeeded,
      remaining: this.end - pos,
      protocol,
      atom: atom === undefined ? undefined : prefixedAtom(atom, prefix),
    };
    this.pos = this.end;
    return false;
  }
}

/** A prefix `111PPAAS` ORs AA << 5 into the atom number (2.5); its PP × 32 is added to the protocol in next(). */
function prefixedAtom(atom: number, prefix: number): number {
  return prefix < 0 ? atom : atom | (((prefix >> 1) & 3) << 5);
}

/** True when bytes start…end-1 read as whole atoms, none running past `end` (spec 2.9). */
export function isCleanStream(bytes: Uint8Array, start: number, end: number): boolean {
  const reader = new AtomReader(bytes, start, end);
  while (reader.next()) {
    /* skip */
  }
  return reader.fault === undefined;
}
