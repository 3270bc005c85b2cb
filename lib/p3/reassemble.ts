/**
 * The inverse of the chunker for one stream's FDO (its frames' FDO bytes in order):
 * uni_start_large_atom / uni_large_atom_segment / uni_end_large_atom joined back into the
 * one atom they carry, written as the compiler writes it (so chunk -> reassemble gives the
 * compiled bytes back). The joining follows the decompiler's rules (fdo-format.md 2.7), so
 * the joined stream decompiles to the same text as the pieces; whatever does not add up is
 * reported and left as it came.
 */
import { scanAtoms } from './atoms';
import type { P3Failure } from './errors';
import { LARGE_END, LARGE_SEGMENT, LARGE_START, concatBytes, encodeAtom } from './large-atom';

export interface JoinResult {
  fdo: Uint8Array;
  /** large atoms joined */
  largeAtoms: number;
  /** offsets are bytes of the stream given */
  failures: P3Failure[];
}

interface Pending {
  protocol: number;
  atom: number;
  /** the length START declared (the P3 form), null for the compiler's 2-byte START */
  declared: number | null;
  start: number;
}

export function joinLargeAtoms(fdo: Uint8Array): JoinResult {
  const scan = scanAtoms(fdo);
  const out: Uint8Array[] = [];
  const failures: P3Failure[] = [];
  let largeAtoms = 0;
  let pending: Pending | null = null;
  let payload: Uint8Array[] = []; // data of the pieces since the last END
  let raw: Uint8Array[] = []; // the pieces as they came, in case they cannot be joined
  let firstPiece = -1;
  let copied = 0; // bytes of `fdo` accounted for

  const flushRaw = () => {
    for (const r of raw) out.push(r);
    raw = [];
    payload = [];
    firstPiece = -1;
  };

  for (const a of scan.atoms) {
    if (a.start > copied) out.push(fdo.subarray(copied, a.start)); // prefix bytes with no atom of their own
    copied = a.end;
    const bytes = fdo.subarray(a.start, a.end);
    const data = fdo.subarray(a.dataStart, a.end);
    const isPiece = a.protocol === 0 && (a.atom === LARGE_SEGMENT || a.atom === LARGE_END || (a.atom === LARGE_START && data.length >= 2));
    if (!isPiece) {
      out.push(bytes);
      continue;
    }
    if (firstPiece < 0) firstPiece = a.start;
    raw.push(bytes);
    if (a.atom === LARGE_START) {
      if (pending && payload.length > 0) {
        failures.push({
          check: 'large-atom',
          offset: a.start,
          message: `uni_start_large_atom at byte ${a.start} replaces the one at byte ${pending.start} before its uni_end_large_atom`,
        });
      }
      pending = { protocol: data[0]!, atom: data[1]!, declared: data.length >= 4 ? (data[2]! << 8) | data[3]! : null, start: a.start };
      continue;
    }
    payload.push(data);
    if (a.atom === LARGE_SEGMENT) continue;
    // END: the pending atom with the whole payload, here
    if (!pending) {
      failures.push({ check: 'large-atom', offset: a.start, message: `uni_end_large_atom at byte ${a.start} has no uni_start_large_atom before it` });
      flushRaw();
      continue;
    }
    const joined = concatBytes(payload);
    if (pending.declared !== null && pending.declared !== joined.length) {
      failures.push({
        check: 'large-atom',
        offset: pending.start,
        message: `uni_start_large_atom at byte ${pending.start} declares ${pending.declared} bytes; its pieces hold ${joined.length}`,
      });
    }
    if (pending.protocol > 127) {
      failures.push({
        check: 'large-atom',
        offset: pending.start,
        message: `uni_start_large_atom at byte ${pending.start} names protocol ${pending.protocol}, beyond 127`,
      });
      flushRaw();
      continue;
    }
    out.push(encodeAtom(pending.protocol, pending.atom, joined));
    largeAtoms++;
    pending.declared = null; // the pending atom stays (2.7); its declared length was used up
    raw = [];
    payload = [];
    firstPiece = -1;
  }
  if (raw.length > 0) {
    const got = payload.reduce((n, p) => n + p.length, 0);
    const what = pending ? `large atom ${pending.protocol}/${pending.atom}` : 'large-atom segments';
    const of = pending?.declared != null ? ` of ${pending.declared}` : '';
    failures.push({
      check: 'large-atom',
      offset: firstPiece,
      message: `${what} starting at byte ${firstPiece} never ends: ${got}${of} bytes arrived and no uni_end_large_atom`,
    });
    flushRaw();
  }
  if (scan.failure) {
    failures.push({ check: 'atom', offset: scan.failure.offset, message: scan.failure.message });
  }
  if (copied < fdo.length) out.push(fdo.subarray(copied));
  return { fdo: concatBytes(out), largeAtoms, failures };
}
