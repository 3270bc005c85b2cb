/**
 * Top-level atom boundaries of an FDO stream (fdo-format.md 2.2-2.5), without decoding
 * values: where each atom starts (its prefix byte included), where its data starts and
 * ends, and its protocol and atom number. Nested streams are atoms' data and are not
 * entered. `fullOnly` accepts what the compiler emits (FULL style, one-shot prefix bytes)
 * and nothing else, which is what the chunker needs; otherwise all eight styles are read,
 * as client traffic written by other encoders may use them.
 */

export interface ScannedAtom {
  /** first byte of the atom, its prefix byte when it has one */
  start: number;
  dataStart: number;
  end: number;
  protocol: number;
  atom: number;
}

export interface AtomScan {
  atoms: ScannedAtom[];
  /** set when the scan stopped early; atoms holds what came before */
  failure?: { reason: 'truncated' | 'style'; offset: number; message: string };
}

function truncated(atoms: ScannedAtom[], at: number, what: string): AtomScan {
  return { atoms, failure: { reason: 'truncated', offset: at, message: `the stream ends inside ${what} at byte ${at}` } };
}

export function scanAtoms(bytes: Uint8Array, fullOnly = false): AtomScan {
  const atoms: ScannedAtom[] = [];
  const n = bytes.length;
  let current = 0;
  let prefix = -1; // the prefix byte in force, -1 for none
  let sticky = false; // its S bit: it stays in force for the following atoms
  let start = -1; // where the prefix bytes of the next atom began
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    const style = b >> 5;
    if (style === 7) {
      if (fullOnly && (b & 0x07) !== 0) {
        return {
          atoms,
          failure: { reason: 'style', offset: i, message: `byte ${i} is the prefix byte 0x${b.toString(16).toUpperCase()}, which the compiler never writes` },
        };
      }
      if (fullOnly && start >= 0) {
        return {
          atoms,
          failure: { reason: 'style', offset: i, message: `byte ${i} is a second prefix byte before one atom, which the compiler never writes` },
        };
      }
      prefix = b;
      sticky = (b & 1) === 1;
      if (start < 0) start = i;
      i++;
      continue;
    }
    if (fullOnly && style !== 0) {
      return {
        atoms,
        failure: {
          reason: 'style',
          offset: i,
          message: `byte ${i} (0x${b.toString(16).toUpperCase().padStart(2, '0')}) starts a compact-style atom; the chunker takes compiled (FULL-style) streams`,
        },
      };
    }
    const atomStart = start >= 0 ? start : i;
    let protocol: number;
    let atom: number;
    let dataStart: number;
    let end: number;
    if (style === 0 || style === 1 || style === 2 || style === 4) {
      if (i + 1 >= n) return truncated(atoms, atomStart, 'an atom header');
    }
    const s = bytes[i + 1]!;
    switch (style) {
      case 0: {
        protocol = b & 31;
        atom = s;
        if (i + 2 >= n) return truncated(atoms, atomStart, 'an atom header');
        const l0 = bytes[i + 2]!;
        if (l0 & 0x80) {
          if (i + 3 >= n) return truncated(atoms, atomStart, 'a two-byte length');
          dataStart = i + 4;
          end = dataStart + (((l0 & 0x7f) << 8) | bytes[i + 3]!);
        } else {
          dataStart = i + 3;
          end = dataStart + l0;
        }
        current = protocol;
        break;
      }
      case 1:
        protocol = b & 31;
        atom = s & 31;
        dataStart = i + 2;
        end = dataStart + (s >> 5);
        current = protocol;
        break;
      case 2:
        protocol = b & 31;
        atom = s & 31;
        dataStart = i + 2;
        end = i + 2;
        current = protocol;
        break;
      case 4:
        protocol = current;
        atom = b & 31;
        dataStart = i + 2;
        end = dataStart + s;
        break;
      default: // 3 ATOM, 5 ZERO, 6 ONE: one byte
        protocol = current;
        atom = b & 31;
        dataStart = i + 1;
        end = i + 1;
    }
    if (prefix >= 0) {
      protocol += ((prefix >> 3) & 3) * 32;
      atom |= ((prefix >> 1) & 3) << 5;
      if (!sticky) prefix = -1;
    }
    if (end > n) {
      return {
        atoms,
        failure: {
          reason: 'truncated',
          offset: atomStart,
          message: `atom ${protocol}/${atom} at byte ${atomStart} declares ${end - dataStart} data bytes but ${n - dataStart} remain`,
        },
      };
    }
    atoms.push({ start: atomStart, dataStart, end, protocol, atom });
    start = -1;
    i = end;
  }
  if (fullOnly && start >= 0) {
    return { atoms, failure: { reason: 'style', offset: start, message: `the stream ends with a prefix byte at ${start} and no atom after it` } };
  }
  return { atoms };
}
