/**
 * The batched decompile of captured streams must give every stream exactly the text it has
 * alone. Checked against the codec over the whole corpus (deeply nested and unbalanced
 * forms among them) in random orders and batch mixes, with a service that decompiles
 * locally and counts its requests.
 */
import { describe, expect, it } from 'vitest';
import { compile, decompile } from '@/lib/fdo';
import type { FdoService, ServiceResponse } from '@/lib/service/contract';
import { routeError } from '@/server/web/error-body';
import { batchable, decompileStreams } from '@/server/web/p3-batch-decompile';
import { loadWholeCorpus } from '../support/corpus';
import { randomInt, seededRandom } from '../support/random';

function localService(counter: { calls: number }): FdoService {
  const answer = (status: number, body: Uint8Array): ServiceResponse => ({
    status,
    contentType: 'text/plain',
    body,
    error: status === 200 ? null : routeError(status, 'Truncated Atom'),
    headers: {},
    daemonId: 'local',
    attempts: 1,
    durationMs: 0,
  });
  return {
    decompile: async (binary: Uint8Array) => {
      counter.calls++;
      try {
        return answer(200, new Uint8Array(Buffer.from(decompile(binary), 'latin1')));
      } catch {
        return answer(400, new Uint8Array(Buffer.from('{"error":"Truncated Atom"}')));
      }
    },
  } as unknown as FdoService;
}

const corpus = loadWholeCorpus().map((p) => p.binary);
const odd = [
  'uni_start_stream\n  man_start_object <ind_group, "open">\n',
  'uni_end_stream\nuni_end_stream\nuni_end_stream\n',
  'act_replace_action\n<\nuni_start_stream\n>\nman_end_object\n',
  'man_start_object <ind_group, "x">\n',
  'uni_start_stream\n'.repeat(40),
].map((t) => compile(t));

describe('batched decompile of captured streams', () => {
  it('every corpus stream comes back exactly as alone, in few requests', async () => {
    const rand = seededRandom(42);
    const streams = [...corpus, ...odd];
    for (let i = streams.length - 1; i > 0; i--) {
      const j = randomInt(rand, i + 1);
      [streams[i], streams[j]] = [streams[j]!, streams[i]!];
    }
    const counter = { calls: 0 };
    const texts = await decompileStreams(localService(counter), streams, streams.map(batchable), 4, 1e12);
    streams.forEach((s, i) => expect(texts[i]!.text, `stream ${i}`).toBe(decompile(s)));
    expect(counter.calls).toBeLessThan(streams.length / 3);
  });

  it('streams that are not batchable (compact styles, large-atom pieces, cut short) go alone; failures stay per stream', async () => {
    const cut = compile('man_append_data <"abcdef">\n').subarray(0, 5);
    const compact = new Uint8Array([0x20, 0x21, 0x00]);
    const pieces = new Uint8Array([0x00, 0x04, 0x02, 0x01, 0x14, 0x00, 0x06, 0x01, 0x61]);
    const streams = [corpus[0]!, cut, compact, pieces, corpus[1]!, new Uint8Array(0)];
    expect(streams.map(batchable)).toEqual([true, false, false, false, true, false]);
    const counter = { calls: 0 };
    const texts = await decompileStreams(localService(counter), streams, streams.map(batchable), 2, 1e12);
    expect(texts[1]!.failure?.status).toBe(400);
    expect([texts[0]!.text, texts[2]!.text, texts[3]!.text, texts[4]!.text, texts[5]!.text]).toEqual([
      decompile(corpus[0]!),
      decompile(compact),
      decompile(pieces),
      decompile(corpus[1]!),
      '',
    ]);
  });

  it('stops asking for text once the budget is spent', async () => {
    const streams = corpus.slice(0, 200);
    const texts = await decompileStreams(
      localService({ calls: 0 }),
      streams,
      streams.map(() => false),
      1,
      10_000,
    );
    expect(texts.some((t) => t.omitted)).toBe(true);
    expect(texts.filter((t) => t.text !== null).reduce((n, t) => n + t.text!.length, 0)).toBeLessThan(10_000 + 200_000);
  });
});
