/**
 * POST /compile-chunk: FDO source(s) -> P3 DATA frames. Takes the original service's request
 * ({source, token, stream_id, validate_first}) and also `sources` (a multi-GID reply: each
 * source starts a new frame), `max_fdo_bytes`, `tx`, `rx`, `type` and, by name only,
 * `stream_id_order: "little"` (the original's bug). Answers the original's fields, with
 * correct framing, plus `frames`: the whole P3 frames with their header fields. Every
 * source is compiled through the service (the pool), several at once.
 */
import type { FdoService } from '@/lib/service/contract';
import { chunkScripts, P3Error, tokenRule, frameTypeName, type ChunkFrame, type ChunkOptions } from '@/lib/p3';
import { errorBody } from './error-body';
import { encodeSource } from './encoding';
import { HttpError, jsonAnswer, parseJsonObject, type Answer } from './http';
import { fanOut, integerField, mapBounded, type P3Request } from './p3-common';
import { jsonShapeScan } from './json-scan';
import { asksForTemplate, renderedSource, type TemplateUse } from './template-input';
import { MAX_CHUNK_FDO_BYTES, MAX_CHUNK_FRAMES, MAX_CHUNK_SOURCES } from './p3-limits';

interface ChunkRequest {
  sources: Uint8Array[];
  /** the template the source was rendered from ({form_id | source, variables, variant}) */
  template: TemplateUse | null;
  options: ChunkOptions;
  validateFirst: boolean;
}

function readSources(body: Record<string, unknown>): string[] {
  const hasOne = body.source !== undefined;
  const hasMany = body.sources !== undefined;
  if (hasOne === hasMany) throw new HttpError(400, 'send either "source" (one FDO source text) or "sources" (an array of them), not both or neither');
  if (hasOne) {
    if (typeof body.source !== 'string') throw new HttpError(400, '"source" must be a string holding the FDO source text');
    return [body.source];
  }
  if (!Array.isArray(body.sources) || body.sources.length === 0) throw new HttpError(400, '"sources" must be a non-empty array of FDO source strings');
  if (body.sources.length > MAX_CHUNK_SOURCES)
    throw new HttpError(413, `"sources" holds ${body.sources.length} sources; at most ${MAX_CHUNK_SOURCES} per request`);
  return body.sources.map((s, i) => {
    if (typeof s !== 'string') throw new HttpError(400, `sources[${i}] must be a string`);
    return s;
  });
}

async function readRequest(request: P3Request): Promise<ChunkRequest> {
  if (request.contentType !== 'application/json') {
    throw new HttpError(
      415,
      `unsupported Content-Type "${request.contentType}" for /compile-chunk: send application/json ({"source": "...", "token": "AT", "stream_id": 99})`,
    );
  }
  const body = parseJsonObject(await request.body(jsonShapeScan()));
  let template: TemplateUse | null = null;
  let texts: string[];
  if (asksForTemplate(body)) {
    if (body.sources !== undefined) throw new HttpError(400, 'a template ("form_id", "variables", "variant") fills one "source"; send a request per template');
    const rendered = await renderedSource(body);
    texts = [rendered.text];
    template = rendered.template;
  } else {
    texts = readSources(body);
  }
  const sources = texts.map((t, i) => {
    if (t.trim() === '') throw new HttpError(400, texts.length > 1 ? `sources[${i}] is empty` : 'the FDO source is empty');
    try {
      return encodeSource(t);
    } catch (err) {
      if (err instanceof HttpError && texts.length > 1) throw new HttpError(err.status, `sources[${i}]: ${err.message}`);
      throw err;
    }
  });
  if (body.token !== undefined && typeof body.token !== 'string') throw new HttpError(400, '"token" must be a two-character string such as "AT"');
  const order = body.stream_id_order;
  if (order !== undefined && order !== 'big' && order !== 'little')
    throw new HttpError(400, '"stream_id_order" must be "big" (the default) or "little" (the original service\'s byte order)');
  if (body.validate_first !== undefined && typeof body.validate_first !== 'boolean') throw new HttpError(400, '"validate_first" must be true or false');
  return {
    sources,
    template,
    validateFirst: body.validate_first !== false,
    options: {
      token: body.token as string | undefined,
      streamId: integerField(body, 'stream_id'),
      budget: integerField(body, 'max_fdo_bytes'),
      tx: integerField(body, 'tx'),
      rx: integerField(body, 'rx'),
      type: integerField(body, 'type'),
      streamIdOrder: order,
    },
  };
}

/** Native encodings: an answer carries every frame several times over. */
const view = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const hexOf = (b: Uint8Array) => view(b).toString('hex').toUpperCase();
const base64Of = (b: Uint8Array) => view(b).toString('base64');

const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

function frameJson(f: ChunkFrame, headerSize: number) {
  return {
    index: f.index,
    source_index: f.script,
    tx: f.tx,
    rx: f.rx,
    type: f.type,
    type_name: frameTypeName(f.type),
    len: f.len,
    crc: `0x${f.crc.toString(16).toUpperCase().padStart(4, '0')}`,
    token: f.token,
    stream_id: f.streamId,
    header_size: headerSize,
    fdo_size: f.fdo.length,
    frame_size: f.bytes.length,
    large_atom: f.largeAtom,
    hex: hexOf(f.bytes),
    base64: base64Of(f.bytes),
    fields: {
      sync: '0x5A',
      crc: `0x${f.crc.toString(16).toUpperCase().padStart(4, '0')}`,
      len: f.len,
      tx: hex2(f.tx),
      rx: hex2(f.rx),
      type: hex2(f.type),
      terminator: '0x0D',
    },
  };
}

export async function handleCompileChunk(service: FdoService, request: P3Request): Promise<Answer> {
  const req = await readRequest(request);
  // option errors before any compile work
  try {
    chunkScripts([], req.options);
  } catch (err) {
    if (err instanceof P3Error) throw new HttpError(400, `${err.kind}: ${err.message}`);
    throw err;
  }
  const started = performance.now();
  const results = await mapBounded(req.sources, fanOut(service), (s) => service.compile(s));
  const failedAt = results.findIndex((r) => r.error);
  if (failedAt >= 0) {
    const r = results[failedAt]!;
    const n = r.error!;
    const body = errorBody(n);
    const status = n.status;
    const where = n.line !== null ? ` (line ${n.line}${n.column !== null ? `, column ${n.column}` : ''})` : '';
    return jsonAnswer(
      {
        ...body,
        error: req.sources.length > 1 ? `sources[${failedAt}]${where}: ${body.error}` : body.error,
        source_index: failedAt,
        line: n.line,
        column: n.column,
        validation_result: { valid: false, source_index: failedAt, line: n.line, column: n.column, kind: n.kind, message: n.message },
      },
      status,
      r.headers,
    );
  }
  const compiled = results.map((r) => r.body);
  const total = compiled.reduce((n, b) => n + b.length, 0);
  if (total > MAX_CHUNK_FDO_BYTES)
    throw new HttpError(413, `the sources compile to ${total} bytes; /compile-chunk frames at most ${MAX_CHUNK_FDO_BYTES} per request`);
  const budget = req.options.budget ?? 121;
  if (Math.ceil(total / budget) > MAX_CHUNK_FRAMES)
    throw new HttpError(
      413,
      `${total} bytes at ${budget} bytes per frame need more than ${MAX_CHUNK_FRAMES} frames; raise max_fdo_bytes or send fewer sources`,
    );
  let chunked;
  try {
    chunked = chunkScripts(compiled, req.options);
  } catch (err) {
    if (err instanceof P3Error) {
      const which = err.script !== undefined ? `sources[${err.script}]: ` : '';
      return jsonAnswer({ success: false, error: `${which}${err.kind}: ${err.message}`, source_index: err.script ?? null, offset: err.offset ?? null }, 422);
    }
    throw err;
  }
  if (chunked.frames.length > MAX_CHUNK_FRAMES)
    throw new HttpError(413, `the sources need ${chunked.frames.length} frames; at most ${MAX_CHUNK_FRAMES} per request`);
  const token = req.options.token ?? 'AT';
  const headerSize = 2 + tokenRule(token).streamIdBytes;
  const frames = chunked.frames;
  const continuation = (f: ChunkFrame) => f.largeAtom.length > 0 && f.largeAtom[0] !== 'start';
  const payloadTotal = frames.reduce((n, f) => n + f.payload.length, 0);
  const framesPerSource = new Array<number>(compiled.length).fill(0);
  for (const f of frames) framesPerSource[f.script]!++;
  const payloads = frames.map((f) => base64Of(f.payload));
  return jsonAnswer(
    {
      success: true,
      chunks: payloads,
      chunk_info: frames.map((f) => ({
        index: f.index,
        payload: payloads[f.index],
        hex: hexOf(f.payload),
        size: f.payload.length,
        is_continuation: continuation(f),
        sequence_index: f.index,
        source_index: f.script,
      })),
      chunk_count: frames.length,
      total_size: payloadTotal,
      ...(req.template ? { template: req.template } : {}),
      validation_result: { valid: true, validated: req.validateFirst, sources: compiled.length, compiled_size: total },
      stats: {
        chunk_count: frames.length,
        total_size: payloadTotal,
        average_chunk_size: frames.length ? Math.round((payloadTotal / frames.length) * 100) / 100 : 0,
        header_size: headerSize,
        token,
        stream_id: req.options.streamId ?? 0,
        continuation_count: frames.filter(continuation).length,
      },
      error: null,
      frames: frames.map((f) => frameJson(f, headerSize)),
      sources: compiled.map((b, i) => ({ index: i, compiled_size: b.length, frames: framesPerSource[i] })),
      max_fdo_bytes: chunked.budget,
      stream_id_order: req.options.streamIdOrder ?? 'big',
      next_tx: chunked.nextTx,
      compile_time: `${((performance.now() - started) / 1000).toFixed(3)}s`,
    },
    200,
  );
}
