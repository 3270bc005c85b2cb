/**
 * POST /compile-chunk: FDO source(s) -> P3 DATA frames. Takes the original service's request
 * ({source, token, stream_id, validate_first}) and also `sources` (a multi-GID reply: each
 * source starts a new frame), `max_fdo_bytes`, `tx`, `rx`, `type` and, by name only,
 * `stream_id_order: "little"` (the original's bug). Answers the original's fields, with
 * correct framing, plus `frames`: the whole P3 frames with their header fields. Every
 * source is compiled through the service (the pool), several at once.
 */
import type { FdoService } from '@/lib/service/contract';
import type { ServiceResponse } from '@/lib/service/contract';
import { chunkScripts, countScriptFrames, P3Error, sequenceAfter, tokenRule, type ChunkOptions } from '@/lib/p3';
import { errorBody } from './error-body';
import { encodeSource } from './encoding';
import { HttpError, jsonAnswer, parseJsonObject, type Answer } from './http';
import { fanOut, integerField, mapBounded, type P3Request } from './p3-common';
import { jsonShapeScan } from './json-scan';
import { asksForTemplate, renderedSource, type TemplateUse } from './template-input';
import { MAX_CHUNK_FDO_BYTES, MAX_CHUNK_FRAMES, MAX_CHUNK_SOURCES } from './p3-limits';
import { formatScript } from './p3-format-pool';
import type { ScriptJson } from './p3-frame-json';

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

/** What became of one source of the request. */
interface Part {
  response: ServiceResponse;
  /** frames it takes; undefined when it was not counted (the answer is an error anyway) */
  frames?: number;
  chunkError?: P3Error;
  json?: ScriptJson;
}

/**
 * Where each source's first frame is in the batch: known once every source before it has
 * been counted. A source waits only for those before it, which started before it.
 */
class FirstFrames {
  private readonly known: Promise<number | null>[];
  private readonly settle: ((first: number | null) => void)[] = [];

  constructor(n: number) {
    this.known = Array.from({ length: n + 1 }, (_, i) => (i === 0 ? Promise.resolve(0) : new Promise((r) => (this.settle[i] = r))));
  }

  /** source i's first frame; null once a source before it was not counted */
  of(i: number): Promise<number | null> {
    return this.known[i]!;
  }

  /** source i takes `frames` frames (null: not counted); call after of(i) resolved to `first` */
  counted(i: number, first: number | null, frames: number | null): void {
    this.settle[i + 1]!(first === null || frames === null ? null : first + frames);
  }
}

const encoder = new TextEncoder();

/** The answer as pieces: the three frame lists come from the parts as they were written. */
function answerPieces(head: string, parts: readonly Part[], middle: string, tail: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const list = (pick: (j: ScriptJson) => Uint8Array) => {
    let first = true;
    for (const p of parts) {
      const bytes = pick(p.json!);
      if (bytes.length === 0) continue;
      if (!first) out.push(COMMA);
      out.push(bytes);
      first = false;
    }
  };
  out.push(encoder.encode(`${head}"chunks":[`));
  list((j) => j.chunks);
  out.push(encoder.encode('],"chunk_info":['));
  list((j) => j.chunkInfo);
  out.push(encoder.encode(`],${middle},"frames":[`));
  list((j) => j.frames);
  out.push(encoder.encode(`],${tail}`));
  return out;
}
const COMMA = encoder.encode(',');

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
  const budget = req.options.budget ?? 121;
  const firstFrames = new FirstFrames(req.sources.length);
  // Each source is compiled, counted and written as JSON on its own, so that writing one
  // source's frames overlaps the compiles (and writing) of the others. The answer is
  // decided once all are done, in the order the checks always had; work whose result
  // can only be an error answer is skipped.
  let compileFailed = false;
  let compiledBytes = 0;
  let countedFrames = 0;
  let doomed = false;
  const parts = await mapBounded(req.sources, fanOut(service), async (source, i): Promise<Part | null> => {
    // a source after a failed one: the answer is the first failure, which has started
    if (compileFailed) {
      firstFrames.counted(i, await firstFrames.of(i), null);
      return null;
    }
    const response = await service.compile(source);
    const part: Part = { response };
    let frames: number | null = null;
    if (response.error) {
      compileFailed = doomed = true;
    } else {
      compiledBytes += response.body.length;
      if (compiledBytes > MAX_CHUNK_FDO_BYTES) doomed = true;
      // counted even when the answer is already an error: a chunk error of an earlier source would still come first
      else if (!compileFailed) {
        try {
          frames = countScriptFrames(response.body, i, req.options);
          part.frames = frames;
          countedFrames += frames;
          if (countedFrames > MAX_CHUNK_FRAMES) doomed = true;
        } catch (err) {
          if (!(err instanceof P3Error)) throw err;
          part.chunkError = err;
          doomed = true;
        }
      }
    }
    const first = await firstFrames.of(i);
    firstFrames.counted(i, first, frames);
    if (first !== null && frames !== null && !doomed) {
      part.json = await formatScript({ fdo: response.body, script: i, firstIndex: first, options: req.options });
    }
    return part;
  });
  const failedAt = parts.findIndex((p) => p?.response.error);
  if (failedAt >= 0) {
    const r = parts[failedAt]!.response;
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
  const done = parts as Part[];
  const compiled = done.map((p) => p.response.body);
  const total = compiled.reduce((n, b) => n + b.length, 0);
  if (total > MAX_CHUNK_FDO_BYTES)
    throw new HttpError(413, `the sources compile to ${total} bytes; /compile-chunk frames at most ${MAX_CHUNK_FDO_BYTES} per request`);
  if (Math.ceil(total / budget) > MAX_CHUNK_FRAMES)
    throw new HttpError(
      413,
      `${total} bytes at ${budget} bytes per frame need more than ${MAX_CHUNK_FRAMES} frames; raise max_fdo_bytes or send fewer sources`,
    );
  const chunkFailure = done.find((p) => p.chunkError);
  if (chunkFailure) {
    const err = chunkFailure.chunkError!;
    const which = err.script !== undefined ? `sources[${err.script}]: ` : '';
    return jsonAnswer({ success: false, error: `${which}${err.kind}: ${err.message}`, source_index: err.script ?? null, offset: err.offset ?? null }, 422);
  }
  const frameCount = done.reduce((n, p) => n + p.frames!, 0);
  if (frameCount > MAX_CHUNK_FRAMES) throw new HttpError(413, `the sources need ${frameCount} frames; at most ${MAX_CHUNK_FRAMES} per request`);
  const token = req.options.token ?? 'AT';
  const headerSize = 2 + tokenRule(token).streamIdBytes;
  const payloadTotal = done.reduce((n, p) => n + p.json!.payloadBytes, 0);
  const continuations = done.reduce((n, p) => n + p.json!.continuations, 0);
  const middle = JSON.stringify({
    chunk_count: frameCount,
    total_size: payloadTotal,
    ...(req.template ? { template: req.template } : {}),
    validation_result: { valid: true, validated: req.validateFirst, sources: compiled.length, compiled_size: total },
    stats: {
      chunk_count: frameCount,
      total_size: payloadTotal,
      average_chunk_size: frameCount ? Math.round((payloadTotal / frameCount) * 100) / 100 : 0,
      header_size: headerSize,
      token,
      stream_id: req.options.streamId ?? 0,
      continuation_count: continuations,
    },
    error: null,
  }).slice(1, -1);
  const tail = JSON.stringify({
    sources: compiled.map((b, i) => ({ index: i, compiled_size: b.length, frames: done[i]!.frames })),
    max_fdo_bytes: budget,
    stream_id_order: req.options.streamIdOrder ?? 'big',
    next_tx: sequenceAfter(req.options.tx ?? 0x10, frameCount),
    compile_time: `${((performance.now() - started) / 1000).toFixed(3)}s`,
  }).slice(1);
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: answerPieces('{"success":true,', done, middle, tail),
  };
}
