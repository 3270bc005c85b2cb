/**
 * /compile-chunk writes its answer straight into bytes (p3-frame-json.ts), part by part
 * and in worker threads (p3-format-pool.ts). These tests hold it to the answer as it was
 * built before: objects through JSON.stringify (`referenceAnswer` below is that code),
 * byte for byte, and a batch to the answers of its sources sent one by one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile as compileLocal, decompile as decompileLocal } from '@/lib/fdo';
import { chunkScripts, decodeCapture, frameTypeName, sequenceAfter, tokenRule, type ChunkFrame, type ChunkOptions } from '@/lib/p3';
import { useWebService } from '@/server/web/web-service';
import { scriptJson } from '@/server/web/p3-frame-json';
import { FORMAT_WORKER_SCRIPT, formatScript, formattedByWorkers } from '@/server/web/p3-format-pool';
import * as compileChunkRoute from '@/app/compile-chunk/route';
import { captureText } from '../p3/support';
import { loadCorpus } from '../support/corpus';
import { seededRandom, randomInt } from '../support/random';
import { post, ROOT, startTestService, type Started } from './support';

let started: Started;

beforeAll(async () => {
  started = await startTestService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '2' });
  useWebService(started.service);
});

afterAll(async () => {
  await started?.stop();
});

const b = (x: Uint8Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
const crcText = (f: ChunkFrame) => `0x${f.crc.toString(16).toUpperCase().padStart(4, '0')}`;

/** The answer of a successful request as the route built it before (objects + JSON.stringify), without compile_time. */
function referenceAnswer(compiled: Uint8Array[], o: ChunkOptions, validated = true): string {
  const chunked = chunkScripts(compiled, o);
  const total = compiled.reduce((n, x) => n + x.length, 0);
  const token = o.token ?? 'AT';
  const headerSize = 2 + tokenRule(token).streamIdBytes;
  const frames = chunked.frames;
  const continuation = (f: ChunkFrame) => f.largeAtom.length > 0 && f.largeAtom[0] !== 'start';
  const payloadTotal = frames.reduce((n, f) => n + f.payload.length, 0);
  const perSource = new Array<number>(compiled.length).fill(0);
  for (const f of frames) perSource[f.script]!++;
  const payloads = frames.map((f) => b(f.payload).toString('base64'));
  return JSON.stringify({
    success: true,
    chunks: payloads,
    chunk_info: frames.map((f) => ({
      index: f.index,
      payload: payloads[f.index],
      hex: b(f.payload).toString('hex').toUpperCase(),
      size: f.payload.length,
      is_continuation: continuation(f),
      sequence_index: f.index,
      source_index: f.script,
    })),
    chunk_count: frames.length,
    total_size: payloadTotal,
    validation_result: { valid: true, validated, sources: compiled.length, compiled_size: total },
    stats: {
      chunk_count: frames.length,
      total_size: payloadTotal,
      average_chunk_size: frames.length ? Math.round((payloadTotal / frames.length) * 100) / 100 : 0,
      header_size: headerSize,
      token,
      stream_id: o.streamId ?? 0,
      continuation_count: frames.filter(continuation).length,
    },
    error: null,
    frames: frames.map((f) => ({
      index: f.index,
      source_index: f.script,
      tx: f.tx,
      rx: f.rx,
      type: f.type,
      type_name: frameTypeName(f.type),
      len: f.len,
      crc: crcText(f),
      token: f.token,
      stream_id: f.streamId,
      header_size: headerSize,
      fdo_size: f.fdo.length,
      frame_size: f.bytes.length,
      large_atom: f.largeAtom,
      hex: b(f.bytes).toString('hex').toUpperCase(),
      base64: b(f.bytes).toString('base64'),
      fields: { sync: '0x5A', crc: crcText(f), len: f.len, tx: hex2(f.tx), rx: hex2(f.rx), type: hex2(f.type), terminator: '0x0D' },
    })),
    sources: compiled.map((x, i) => ({ index: i, compiled_size: x.length, frames: perSource[i] })),
    max_fdo_bytes: chunked.budget,
    stream_id_order: o.streamIdOrder ?? 'big',
    next_tx: chunked.nextTx,
  });
}

/** the route's answer text with its one varying field (the time it took) taken out */
async function routeAnswer(body: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const res = await compileChunkRoute.POST(post('/compile-chunk', JSON.stringify(body), { 'Content-Type': 'application/json' }));
  const text = await res.text();
  return { status: res.status, text: text.replace(/,"compile_time":"[0-9.]+s"}$/, '}') };
}

const forms = loadCorpus('samples');
const report = decodeCapture(captureText());
const hostReplies = report.streams.filter((s) => s.direction === 'S->C' && s.fdo.length > 0).map((s) => decompileLocal(s.fdo));

describe('the /compile-chunk answer', () => {
  it('is byte for byte the answer built from objects, for batches of forms and replies under random options', async () => {
    const rand = seededRandom(91);
    const tokens = ['AT', 'at', 'Dd', '"\\', 'D3'];
    for (let round = 0; round < 8; round++) {
      const n = 1 + randomInt(rand, 6);
      const texts = Array.from({ length: n }, () =>
        randomInt(rand, 2) ? forms[randomInt(rand, forms.length)]!.text : hostReplies[randomInt(rand, hostReplies.length)]!,
      );
      const token = tokens[randomInt(rand, tokens.length)]!;
      const options: ChunkOptions = {
        token,
        streamId: randomInt(rand, 256),
        budget: 20 + randomInt(rand, 500),
        tx: 0x10 + randomInt(rand, 112),
        rx: 0x10 + randomInt(rand, 112),
        type: randomInt(rand, 2) ? 0x20 : 0xa0,
        streamIdOrder: randomInt(rand, 2) ? 'big' : 'little',
      };
      const body = {
        sources: texts,
        token,
        stream_id: options.streamId,
        max_fdo_bytes: options.budget,
        tx: options.tx,
        rx: options.rx,
        type: options.type,
        stream_id_order: options.streamIdOrder,
      };
      const got = await routeAnswer(body);
      expect(got.status, `round ${round}`).toBe(200);
      expect(got.text, `round ${round}`).toBe(referenceAnswer(texts.map(compileLocal), options));
    }
  });

  it('of a batch holds, source by source, the frames each source gets alone at the same TX', async () => {
    const texts = [hostReplies[0]!, forms[3]!.text, hostReplies[1]!, forms[10]!.text];
    const batch = JSON.parse((await routeAnswer({ sources: texts, stream_id: 0x63, tx: 0x7a, max_fdo_bytes: 60 })).text);
    expect(batch.success).toBe(true);
    let first = 0;
    for (const [i, text] of texts.entries()) {
      const alone = JSON.parse((await routeAnswer({ source: text, stream_id: 0x63, tx: sequenceAfter(0x7a, first), max_fdo_bytes: 60 })).text);
      const mine = batch.frames.filter((f: { source_index: number }) => f.source_index === i);
      expect(mine.length).toBe(alone.chunk_count);
      expect(mine.map((f: { hex: string }) => f.hex)).toEqual(alone.frames.map((f: { hex: string }) => f.hex));
      const shifted = (f: Record<string, unknown>) => ({ ...f, index: (f.index as number) + first, source_index: i });
      expect(mine).toEqual(alone.frames.map(shifted));
      expect(batch.chunk_info.filter((c: { source_index: number }) => c.source_index === i)).toEqual(
        alone.chunk_info.map((c: Record<string, unknown>) => ({ ...shifted(c), sequence_index: (c.sequence_index as number) + first })),
      );
      expect(batch.chunks.slice(first, first + alone.chunk_count)).toEqual(alone.chunks);
      first += alone.chunk_count;
    }
    expect(batch.chunk_count).toBe(first);
    expect(batch.next_tx).toBe(sequenceAfter(0x7a, first));
  });

  it('is written by the format workers for large scripts, the same bytes as inline', async () => {
    expect(fs.existsSync(path.join(ROOT, FORMAT_WORKER_SCRIPT)), 'npm run build:server builds the worker').toBe(true);
    const big = compileLocal(hostReplies.reduce((a, x) => (x.length > a.length ? x : a), ''));
    const bigger = new Uint8Array(Buffer.concat(Array.from({ length: Math.ceil(40_000 / big.length) }, () => big)));
    const before = formattedByWorkers();
    const jobs = [0, 1, 2, 3, 4].map((script) => ({
      fdo: bigger,
      script,
      firstIndex: script * 7,
      options: { streamId: 0x63, budget: 50 + script * 40, tx: 0x7f },
    }));
    const viaWorkers = await Promise.all(jobs.map(formatScript));
    expect(formattedByWorkers() - before).toBe(jobs.length);
    for (const [i, job] of jobs.entries()) {
      const inline = scriptJson(job);
      expect(b(viaWorkers[i]!.frames).equals(b(inline.frames))).toBe(true);
      expect(b(viaWorkers[i]!.chunkInfo).equals(b(inline.chunkInfo))).toBe(true);
      expect(b(viaWorkers[i]!.chunks).equals(b(inline.chunks))).toBe(true);
      expect(viaWorkers[i]!.frameCount).toBe(inline.frameCount);
    }
  });

  it('keeps the order of the checks: a compile error anywhere before a chunking error before the frame bound', async () => {
    const good = 'uni_start_stream\nuni_end_stream\n';
    const bad = 'uni_start_stream\n  mat_orientashun <vcf>\nuni_end_stream\n';
    // an atom past the large atom's 16-bit length cannot be framed (422)
    const huge = `man_append_data <"${'x'.repeat(70_000)}">\n`;
    const a = await routeAnswer({ sources: [good, huge, good, bad] });
    expect(a.status).toBe(400);
    expect(JSON.parse(a.text).source_index).toBe(3);
    const c = await routeAnswer({ sources: [good, good, huge, huge] });
    expect(c.status).toBe(422);
    expect(JSON.parse(c.text)).toMatchObject({ success: false, source_index: 2 });
  });
});
