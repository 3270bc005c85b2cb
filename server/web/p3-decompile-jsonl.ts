/**
 * POST /decompile-jsonl: a capture in (multipart field `file`, as the original service took
 * it, or the body itself as application/x-ndjson), every frame checked, DATA frames grouped
 * by direction and stream id, large atoms joined, each stream decompiled through the
 * service (the pool). Answers `source` (every stream's text under a comment line naming
 * direction, token, stream id and frame range; the one field the known client reads) and
 * `streams[]` with per-stream frames, bytes, failures, DOD facts and text.
 */
import type { FdoService } from '@/lib/service/contract';
import { bytesToLatin1 } from '@/lib/fdo/latin1';
import { captureLimits, decodeFrameTable, DEFAULT_MAX_FAILURES, streamTitle, type DecodeOptions, type P3Failure, type StreamReport } from '@/lib/p3';
import { joinFrameTables, linePieces, readFrameTable, type FrameTable } from '@/lib/p3';
import { HttpError, jsonAnswer, type Answer } from './http';
import { batchable, decompileStreams } from './p3-batch-decompile';
import { fanOut, type P3Request } from './p3-common';
import { MAX_CAPTURE_STREAMS, MAX_CAPTURE_TEXT_CHARS, MAX_CONCURRENT_CAPTURES, MAX_WAITING_CAPTURES } from './p3-limits';
import { Turns } from './p3-turns';
import { boundaryOf, multipartField } from './p3-multipart';
import { readLinesInWorker, WORKER_COUNT, workersAvailable } from './p3-format-pool';
import { slabHexDecoder } from './slab-hex';

/** captures smaller than this are read on the event loop: the hop to the workers costs more */
const LINES_OFFLOAD_CHARS = 256 * 1024;

/**
 * The capture's frame table: its line ranges read by the worker threads at once when the
 * capture is large (and the workers are there), else read here; the same table either way.
 */
export async function captureFrameTable(text: string, options: DecodeOptions, useWorkers = true): Promise<FrameTable> {
  const limits = captureLimits(options);
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  const pieces = useWorkers && text.length >= LINES_OFFLOAD_CHARS && workersAvailable() ? linePieces(text, WORKER_COUNT, limits.maxLines) : null;
  if (!pieces) return readFrameTable(text, { ...limits, hexDecoder: slabHexDecoder() }, maxFailures);
  const { hexDecoder: _native, ...plain } = limits;
  const tables = await Promise.all(
    pieces.map((p) => readLinesInWorker({ text: p.text, limits: plain, maxFailures, from: { lines: p.lines, offset: p.offset } })),
  );
  return joinFrameTables(tables, maxFailures);
}

const CAPTURE_TYPES = new Set(['application/x-ndjson', 'application/jsonl', 'application/json', 'text/plain', '']);

async function readCaptureBody(request: P3Request): Promise<Uint8Array> {
  if (request.contentType === 'multipart/form-data') {
    const body = await request.body();
    return multipartField(body, boundaryOf(request.contentTypeHeader, body), 'file');
  }
  if (CAPTURE_TYPES.has(request.contentType)) return request.body();
  throw new HttpError(
    415,
    `unsupported Content-Type "${request.contentType}" for /decompile-jsonl: send multipart/form-data with the capture as the field "file", or the capture itself as application/x-ndjson`,
  );
}

const failureJson = (f: P3Failure) => ({ check: f.check, message: f.message, offset: f.offset, line: f.line ?? null, frame: f.frame ?? null });

interface Decompiled {
  text: string | null;
  error: { status: number; message: string; kind: string | null } | null;
  headers: Record<string, string>;
}

function streamJson(s: StreamReport, index: number, d: Decompiled) {
  return {
    index,
    direction: s.direction,
    token: s.token,
    other_tokens: s.otherTokens,
    stream_id: s.streamId,
    stream_id_hex: s.streamIdHex,
    title: streamTitle(s),
    frames: s.frameCount,
    first_frame: s.firstFrame,
    last_frame: s.lastFrame,
    first_line: s.firstLine,
    last_line: s.lastLine,
    tx_first: s.txFirst,
    tx_last: s.txLast,
    tx_gaps: s.txGaps,
    wire_bytes: s.wireBytes,
    bytes: s.fdo.length,
    large_atoms: s.largeAtoms,
    scripts: s.scripts.map((x) => ({
      first_frame: x.firstFrame,
      last_frame: x.lastFrame,
      frames: x.frameCount,
      tx_first: x.txFirst,
      rx: x.rx,
      bytes: x.fdo.length,
    })),
    failures: s.failures.map(failureJson),
    dod: { form_ids: s.dod.formIds, gids: s.dod.gids, transaction_ids: s.dod.transactionIds, art: s.dod.art },
    text: d.text,
    decompile_error: d.error,
  };
}

const captureTurns = new Turns(MAX_CONCURRENT_CAPTURES, MAX_WAITING_CAPTURES, 'captures being decoded');

export async function handleDecompileJsonl(service: FdoService, request: P3Request): Promise<Answer> {
  const release = await captureTurns.take();
  try {
    return await decodeAndDecompile(service, request);
  } finally {
    release();
  }
}

async function decodeAndDecompile(service: FdoService, request: P3Request): Promise<Answer> {
  const input = await readCaptureBody(request);
  const text = bytesToLatin1(input);
  if (!/\S/.test(text)) throw new HttpError(400, 'the capture is empty: send one JSON frame record (or hex frame) per line');
  const started = performance.now();
  const options: DecodeOptions = { maxStreams: MAX_CAPTURE_STREAMS };
  const report = decodeFrameTable(await captureFrameTable(text, options), options);
  if (report.frames === 0) {
    return jsonAnswer(
      {
        success: false,
        error: `no P3 frame could be read from the capture (${report.failureCount} failure(s)); first: ${report.failures[0]?.message ?? 'nothing to read'}`,
        failures: report.failures.map(failureJson),
        failure_count: report.failureCount,
      },
      422,
    );
  }
  // host replies (compiled, FULL style) may share a daemon request; client streams,
  // which other encoders write, are decompiled one by one
  const eligible = report.streams.map((s) => s.direction === 'S->C' && s.failures.length === 0 && batchable(s.fdo));
  const texts = await decompileStreams(
    service,
    report.streams.map((s) => s.fdo),
    eligible,
    Math.min(32, fanOut(service) * 4),
    MAX_CAPTURE_TEXT_CHARS,
  );
  const decompiled: Decompiled[] = texts.map((t) => {
    if (t.text !== null) return { text: t.text, error: null, headers: {} };
    if (t.omitted)
      return {
        text: null,
        error: { status: 413, message: `text omitted: the answer already holds ${MAX_CAPTURE_TEXT_CHARS} characters of text`, kind: null },
        headers: {},
      };
    const r = t.failure!;
    const n = r.error!;
    return { text: null, error: { status: n.status, message: n.message, kind: n.kind }, headers: r.headers };
  });
  const unavailable = decompiled.find((d) => d.error && d.error.status >= 500);
  if (unavailable) {
    return jsonAnswer(
      { success: false, error: `the service could not decompile every stream: ${unavailable.error!.message}` },
      unavailable.error!.status === 503 ? 503 : 502,
      unavailable.headers,
    );
  }
  // The answer holds every text twice (source and streams[].text): each text is escaped
  // once and the JSON is put together from the pieces (escaping is per character, so the
  // escaped source is the concatenation of its escaped parts).
  const escapedTexts = decompiled.map((d) => (d.text === null ? null : JSON.stringify(d.text)));
  const inner = (json: string) => json.slice(1, -1);
  const parts: string[] = ['{"success":true,"source":"'];
  let outputSize = 0;
  report.streams.forEach((s, i) => {
    const d = decompiled[i]!;
    const title = `; ${streamTitle(s)}${s.failures.length ? `, ${s.failures.length} failure(s)` : ''}\n`;
    parts.push(inner(JSON.stringify(title)));
    outputSize += title.length;
    if (d.text !== null) {
      parts.push(inner(escapedTexts[i]!));
      outputSize += d.text.length;
      if (d.text !== '' && !d.text.endsWith('\n')) {
        parts.push('\\n');
        outputSize++;
      }
    } else {
      const note = `; not decompiled: ${d.error!.message.replace(/[\r\n]+/g, ' ')}\n`;
      parts.push(inner(JSON.stringify(note)));
      outputSize += note.length;
    }
  });
  parts.push('","streams":[');
  report.streams.forEach((s, i) => {
    const { text: _text, ...meta } = streamJson(s, i, decompiled[i]!);
    if (i > 0) parts.push(',');
    parts.push(JSON.stringify(meta).slice(0, -1), ',"text":', escapedTexts[i] ?? 'null', '}');
  });
  const k = report.skipped;
  const rest = JSON.stringify({
    stream_count: report.streams.length,
    format: report.format,
    order: report.order,
    lines: report.lines,
    frames: report.frames,
    data_frames: report.dataFrames,
    frames_skipped: {
      control: k.control,
      gid_requests: k.gidRequests,
      bad_frames: k.badFrames,
      bad_payloads: k.badPayloads,
      bad_lines: k.badLines,
      over_stream_limit: k.overStreamLimit,
    },
    gid_requests: report.gidRequests,
    failures: report.failures.map(failureJson),
    failure_count: report.failureCount,
    input_size: input.length,
    output_size: outputSize,
    decompilation_time: `${((performance.now() - started) / 1000).toFixed(3)}s`,
  });
  parts.push('],', rest.slice(1));
  return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: parts.join('') };
}
