/**
 * Turns generated inputs into trusted pairs by asking the engine, and compares our codec
 * with each pair (scripts/conformance.ts). A pair is kept only when the engine answers
 * 200, answers the same twice, and its answer converts back to the input:
 * - decompile (binary M → text T): the engine compiles T back to exactly M;
 * - decompile of a compact-style stream M (scripts/conformance-mutants.ts): the engine's
 *   compiler writes FULL style only, so M cannot come back byte for byte; the engine's text
 *   T must compile to bytes that it decompiles to T again. Whether those bytes are the
 *   FULL form of M's atoms (the engine read M by the rules of 2.4 and 2.5) is reported
 *   beside the rate, as `agrees`;
 * - compile (variant text V → binary B): a hand-written V has no exact inverse, so the
 *   engine's B must convert back to the same meaning: the engine decompiles B to a text T
 *   that it compiles to B again, or at least to bytes that decompile to T again (a lone
 *   0x enum number is written at the table size, 5.5, and T holds it in decimal).
 * Anything else (engine errors, crashes, memory read past the input, unstable answers) is
 * dropped with its reason and never counted against either engine.
 */
import { compile } from '../lib/fdo/compile';
import { decompile } from '../lib/fdo/decompile';
import type { Engine, EngineAnswer } from './conformance-engine';

export type DropReason = 'engine refused' | 'engine unstable' | 'no round trip' | 'transport error';

export type Outcome =
  | { kind: 'dropped'; reason: DropReason; detail: string }
  | { kind: 'exact'; agrees?: boolean }
  | { kind: 'differs'; engine: Buffer; ours: Buffer | undefined; ourError: string | undefined; agrees?: boolean };

const same = (a: Buffer, b: Buffer | Uint8Array): boolean => a.length === b.length && a.equals(Buffer.from(b.buffer, b.byteOffset, b.length));

function refused(answer: EngineAnswer, what: string): Outcome {
  return { kind: 'dropped', reason: 'engine refused', detail: `${what}: ${answer.status} ${answer.body.subarray(0, 200).toString('latin1')}` };
}

async function twice(ask: () => Promise<EngineAnswer>, what: string): Promise<EngineAnswer | Outcome> {
  const first = await ask();
  if (first.status !== 200) return refused(first, what);
  const second = await ask();
  if (second.status !== 200 || !second.body.equals(first.body)) {
    return { kind: 'dropped', reason: 'engine unstable', detail: `${what} answered differently the second time` };
  }
  return first;
}

function ourError(error: unknown): string {
  if (error instanceof Error) return `${(error as { kind?: string }).kind ?? error.name}: ${error.message}`;
  return String(error);
}

export async function checkCompile(engine: Engine, source: Buffer): Promise<Outcome> {
  const answer = await twice(() => engine.compile(source), 'compile');
  if (!('status' in answer)) return answer;
  const binary = answer.body;
  const text = await engine.decompile(binary);
  if (text.status !== 200) return { kind: 'dropped', reason: 'no round trip', detail: `its binary does not decompile: ${text.status}` };
  const back = await engine.compile(text.body);
  if (back.status !== 200) return { kind: 'dropped', reason: 'no round trip', detail: `its decompiled text does not compile: ${back.status}` };
  if (!back.body.equals(binary)) {
    const again = await engine.decompile(back.body);
    if (again.status !== 200 || !again.body.equals(text.body)) {
      return { kind: 'dropped', reason: 'no round trip', detail: 'its binary does not convert back to the same text' };
    }
  }
  try {
    const ours = compile(source);
    return same(binary, ours) ? { kind: 'exact' } : { kind: 'differs', engine: binary, ours: Buffer.from(ours), ourError: undefined };
  } catch (error) {
    return { kind: 'differs', engine: binary, ours: undefined, ourError: ourError(error) };
  }
}

export async function checkDecompile(engine: Engine, binary: Buffer): Promise<Outcome> {
  const answer = await twice(() => engine.decompile(binary), 'decompile');
  if (!('status' in answer)) return answer;
  const back = await engine.compile(answer.body);
  if (back.status !== 200 || !back.body.equals(binary)) {
    return { kind: 'dropped', reason: 'no round trip', detail: `its text compiles to ${back.status === 200 ? 'other bytes' : `an error (${back.status})`}` };
  }
  try {
    const ours = decompile(binary);
    const text = Buffer.from(ours, 'latin1');
    return text.equals(answer.body) ? { kind: 'exact' } : { kind: 'differs', engine: answer.body, ours: text, ourError: undefined };
  } catch (error) {
    return { kind: 'differs', engine: answer.body, ours: undefined, ourError: ourError(error) };
  }
}

/** Decompile of a compact-style stream: kept when the engine's text converts back to itself (see above). */
export async function checkCompactDecompile(engine: Engine, binary: Buffer, fullForm: Buffer): Promise<Outcome> {
  const answer = await twice(() => engine.decompile(binary), 'decompile');
  if (!('status' in answer)) return answer;
  const back = await engine.compile(answer.body);
  if (back.status !== 200) return { kind: 'dropped', reason: 'no round trip', detail: `its text does not compile (${back.status})` };
  const agrees = back.body.equals(fullForm);
  if (!agrees) {
    const again = await engine.decompile(back.body);
    if (again.status !== 200 || !again.body.equals(answer.body)) {
      return { kind: 'dropped', reason: 'no round trip', detail: 'its text does not convert back to the same text' };
    }
  }
  try {
    const text = Buffer.from(decompile(binary), 'latin1');
    return text.equals(answer.body) ? { kind: 'exact', agrees } : { kind: 'differs', engine: answer.body, ours: text, ourError: undefined, agrees };
  } catch (error) {
    return { kind: 'differs', engine: answer.body, ours: undefined, ourError: ourError(error), agrees };
  }
}
