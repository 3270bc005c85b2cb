/**
 * Decompiling many captured streams through the service with few requests. A capture of
 * 100,000 frames holds thousands of streams; one daemon request each would cost more than
 * the decoding. Streams that carry no decoder state past their end are sent together,
 * each after a separator atom (uni_void holding a random nonce), and the text is cut at
 * the separators' lines.
 *
 * Why this is exact: FULL-style atoms set their own protocol, so the only state a stream
 * leaves for the next one is the indentation depth (and large-atom or sticky-prefix state,
 * which streams with top-level large-atom pieces or compact styles could leave; those are
 * never batched). After each stream come 32 uni_end_stream atoms, which bring a positive
 * level back to 0 (outdent stops at 0) and whose lines are cut off again, then a probe
 * that shows the level is exactly 0 (a closed nested block can leave it negative, which
 * closers cannot mend). A member whose level cannot be shown to be 0 at both ends is
 * decompiled on its own. So every text either is exactly the stream's text alone, or
 * comes from a request of its own.
 */
import { randomBytes } from 'node:crypto';
import type { FdoService, ServiceResponse } from '@/lib/service/contract';
import { bytesToLatin1 } from '@/lib/fdo/latin1';
import { scanAtoms } from '@/lib/p3';
import { mapBounded } from './p3-common';

export interface StreamText {
  /** null when the stream was not decompiled */
  text: string | null;
  /** the service's failed answer for this stream, if any */
  failure: ServiceResponse | null;
  omitted: boolean;
}

/** streams of one batch request at most, and FDO bytes of one batch at most */
const BATCH_STREAMS = 64;
const BATCH_BYTES = 64 * 1024;

/** Only host-compiled shapes: FULL style at the top level, no large-atom pieces. */
export function batchable(fdo: Uint8Array): boolean {
  if (fdo.length === 0) return false;
  const scan = scanAtoms(fdo, true);
  if (scan.failure) return false;
  for (const a of scan.atoms) if (a.protocol === 0 && a.atom >= 4 && a.atom <= 6) return false;
  return true;
}

/** uni_end_stream, CLOSER_COUNT times: each lowers the indentation by one, not below 0 */
const CLOSER_COUNT = 32;
const CLOSERS = new Uint8Array(CLOSER_COUNT * 3).map((_, i) => (i % 3 === 1 ? 0x02 : 0x00));
const CLOSER_LINE = /^ *uni_end_stream$/;

/** The piece without the closers' lines, or null when they are not all there as expected. */
function withoutClosers(piece: string): string | null {
  let end = piece.length - 1; // the final newline
  for (let k = 0; k < CLOSER_COUNT; k++) {
    const start = piece.lastIndexOf('\n', end - 1) + 1;
    if (!CLOSER_LINE.test(piece.slice(start, end))) return null;
    end = start - 1;
  }
  return end < 0 ? '' : piece.slice(0, end + 1);
}

/** What follows each stream of a batch: the closers, then uni_start_stream, SEP, uni_end_stream. */
function tailBytes(separator: Uint8Array): Uint8Array {
  return new Uint8Array([...CLOSERS, 0x00, 0x01, 0x00, ...separator, 0x00, 0x02, 0x00]);
}

function separatorBytes(nonce: Uint8Array): Uint8Array {
  return new Uint8Array([0x00, 0x00, nonce.length, ...nonce]);
}

/**
 * Texts of `streams` in order. `eligible[i]` marks streams that may share a request;
 * `textBudget` (characters) stops decompiling once that much text has come back.
 */
export async function decompileStreams(
  service: FdoService,
  streams: readonly Uint8Array[],
  eligible: readonly boolean[],
  concurrency: number,
  textBudget: number,
): Promise<StreamText[]> {
  const out: StreamText[] = streams.map(() => ({ text: null, failure: null, omitted: false }));
  const separator = separatorBytes(randomBytes(12));
  let separatorLine: string | null = null;
  let budget = textBudget;

  // work units: one stream alone, or a batch of eligible ones
  const units: number[][] = [];
  let batch: number[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length) units.push(batch);
    batch = [];
    batchBytes = 0;
  };
  streams.forEach((s, i) => {
    if (s.length === 0) {
      out[i]!.text = '';
      return;
    }
    if (!eligible[i]) {
      units.push([i]);
      return;
    }
    if (batch.length >= BATCH_STREAMS || batchBytes + s.length > BATCH_BYTES) flush();
    batch.push(i);
    batchBytes += s.length + separator.length;
  });
  flush();

  const alone = async (i: number) => {
    if (budget <= 0) {
      out[i]!.omitted = true;
      return;
    }
    const r = await service.decompile(streams[i]!);
    if (r.status !== 200) {
      out[i]!.failure = r;
      return;
    }
    budget -= r.body.length;
    out[i]!.text = bytesToLatin1(r.body);
  };

  /**
   * One request for several streams: SEP A TAIL B TAIL ..., where TAIL is 32 closers, then
   * uni_start_stream SEP uni_end_stream. The probe (SEP inside that one-level block) prints
   * at exactly two spaces only when the level was exactly 0 after the closers, which is
   * the state every stream starts from alone. Returns the members to decompile alone and
   * those after a failed probe, which may be tried together again.
   */
  const together = async (members: number[]): Promise<{ alone: number[]; again: number[] }> => {
    const tail = tailBytes(separator);
    let n = separator.length;
    for (const i of members) n += streams[i]!.length + tail.length;
    const joined = new Uint8Array(n);
    joined.set(separator, 0);
    let at = separator.length;
    for (const i of members) {
      joined.set(streams[i]!, at);
      at += streams[i]!.length;
      joined.set(tail, at);
      at += tail.length;
    }
    const r = await service.decompile(joined);
    if (r.status !== 200) return { alone: members, again: [] };
    const text = bytesToLatin1(r.body);
    const nl = text.indexOf('\n');
    const line = nl < 0 ? text : text.slice(0, nl + 1);
    separatorLine ??= line;
    if (line !== separatorLine) return { alone: members, again: [] };
    const sepText = separatorLine.trimEnd();
    const probe = `\nuni_start_stream\n  ${separatorLine}uni_end_stream\n`;
    const failed: number[] = [];
    let pos = separatorLine.length;
    for (let k = 0; k < members.length; k++) {
      const i = members[k]!;
      const found = text.indexOf(probe, pos - 1);
      const piece = found < 0 ? '' : text.slice(pos, found + 1);
      // this member's own probe did not show level 0 (it printed elsewhere, so the nonce is
      // in the piece): its text and the level after it are unknown
      if (found < 0 || piece.includes(sepText)) {
        return { alone: [...failed, i], again: members.slice(k + 1) };
      }
      const body = withoutClosers(piece);
      if (body === null) failed.push(i);
      else {
        out[i]!.text = body;
        budget -= body.length;
      }
      pos = found + probe.length;
    }
    return { alone: failed, again: [] };
  };

  await mapBounded(units, concurrency, async (unit) => {
    if (unit.length === 1) return alone(unit[0]!);
    if (budget <= 0) {
      for (const i of unit) out[i]!.omitted = true;
      return;
    }
    let members = unit;
    while (members.length > 1) {
      const r = await together(members);
      for (const i of r.alone) await alone(i);
      members = r.again;
    }
    if (members.length === 1) await alone(members[0]!);
  });
  return out;
}
