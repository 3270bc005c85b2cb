/**
 * Compiles a large source on several daemons at once (lib/pool/fan-out.ts decides when and
 * how): the parts go through the dispatcher like any request, their bytes are joined in
 * order, and the first error in source order comes back with its line moved to where it
 * stands in the whole source. The client sees one answer, as if one daemon had compiled it.
 */
import { shiftLines, type FanOutPlan } from '../../lib/pool';
import { splitSource } from '../../lib/fdo';
import type { ServiceResponse } from '../../lib/service/contract';

export async function compileInParts(source: Uint8Array, plan: FanOutPlan, send: (part: Uint8Array) => Promise<ServiceResponse>): Promise<ServiceResponse> {
  const t0 = performance.now();
  const parts = splitSource(source, plan.partBytes, plan.maxParts);
  if (parts.length < 2) return send(source);
  const answers: (ServiceResponse | null)[] = parts.map(() => null);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < parts.length) {
      const i = next++;
      const p = parts[i]!;
      const r = await send(source.subarray(p.start, p.end));
      answers[i] = r;
      if (r.error) failed = true; // stop starting parts; the ones under way finish
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, parts.length) }, worker));
  const attempts = answers.reduce((n, a) => n + (a?.attempts ?? 0), 0);
  const durationMs = performance.now() - t0;
  const firstFailure = answers.findIndex((a) => a?.error);
  if (firstFailure >= 0) {
    const a = answers[firstFailure]!;
    return { ...a, error: shiftLines(a.error!, parts[firstFailure]!.line), attempts, durationMs };
  }
  const done = answers as ServiceResponse[];
  const body = new Uint8Array(done.reduce((n, a) => n + a.body.byteLength, 0));
  let at = 0;
  for (const a of done) {
    body.set(a.body, at);
    at += a.body.byteLength;
  }
  const daemons = [...new Set(done.map((a) => a.daemonId).filter((d): d is string => d !== null))];
  return {
    status: 200,
    contentType: done[0]!.contentType,
    body,
    error: null,
    headers: { 'X-Fan-Out-Parts': String(parts.length) },
    daemonId: daemons.join(','),
    attempts,
    durationMs,
  };
}
