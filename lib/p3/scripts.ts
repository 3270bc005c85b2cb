/**
 * Where one script (a separately compiled source) ends and the next begins within a
 * stream's frames. The chunker starts a new frame only for a new script, for an atom that
 * does not fit, after a large atom's START and for each SEGMENT. So a frame boundary where
 * the next frame's first atom would still have fitted the previous frame, or where RX
 * changes or TX does not count on (one chunking numbers its frames 1, 2, 3 with one RX),
 * starts a new script; pieces of a large atom never do. Two scripts whose boundary none of
 * these show chunk exactly like one script of both, so re-chunking gives the same frames.
 */
import { scanAtoms } from './atoms';
import { LARGE_END, LARGE_SEGMENT, LARGE_START } from './large-atom';
import { nextSequence } from './sequence';

export interface StreamFrame {
  fdo: Uint8Array;
  tx: number;
  rx: number;
}

function isPiece(protocol: number, atom: number, kinds: readonly number[]): boolean {
  return protocol === 0 && kinds.includes(atom);
}

/**
 * Indexes (into `frames`) of the frames that begin a script; always includes 0 when there
 * are frames. `budget` is the chunker's B; a frame larger than it shows B was larger.
 */
export function scriptStarts(frames: readonly StreamFrame[], budget: number): number[] {
  if (frames.length === 0) return [];
  let B = budget;
  for (const f of frames) if (f.fdo.length > B) B = f.fdo.length;
  const starts = [0];
  let prevEndsInPiece = false;
  let prevLength = 0;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const scan = scanAtoms(f.fdo);
    const first = scan.atoms[0];
    if (i > 0) {
      const prev = frames[i - 1]!;
      const continues = prevEndsInPiece || (first !== undefined && first.start === 0 && isPiece(first.protocol, first.atom, [LARGE_SEGMENT, LARGE_END]));
      let boundary = false;
      if (continues)
        boundary = false; // inside a large atom: a lost frame shows as a length mismatch
      // one chunking numbers its frames consecutively with one RX
      else if (f.rx !== prev.rx || f.tx !== nextSequence(prev.tx)) boundary = true;
      // a START opens a frame only when it did not fit the last one, like any atom
      else if (first && first.start === 0) boundary = prevLength + (first.end - first.start) <= B;
      if (boundary) starts.push(i);
    }
    const last = scan.atoms[scan.atoms.length - 1];
    prevEndsInPiece = !scan.failure && last !== undefined && isPiece(last.protocol, last.atom, [LARGE_START, LARGE_SEGMENT]);
    prevLength = f.fdo.length;
  }
  return starts;
}
