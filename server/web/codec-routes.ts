/**
 * POST /compile and POST /decompile, as ../shared/docs/pool-api.md describes them:
 * a raw variant that answers like a daemon, and a JSON variant for browsers and scripts.
 */
import type { FdoService, ServiceResponse } from '@/lib/service/contract';
import type { JsonRoute } from './encoding';
import { HttpError, errorAnswer, type Answer } from './http';
import { convertJsonBody } from './json-offload';
import { JsonShapeScan } from './json-scan';
import { decompiledJson } from './json-writer';

/** What the codec routes need of a request, whatever carried it. */
export interface CodecRequest {
  /** media type without parameters, lower-cased; '' when absent */
  contentType: string;
  /**
   * the whole body, read by body.ts: HttpError 413 past the size limit, 408 past the body
   * timeout; `inspect` sees each chunk as it arrives (the JSON shape scan)
   */
  body(inspect?: (chunk: Uint8Array) => void): Promise<Uint8Array>;
}

function timingHeaders(r: ServiceResponse): Record<string, string> {
  const h: Record<string, string> = {
    'X-Compilation-Time': (r.durationMs / 1000).toFixed(6),
    'X-Attempts': String(r.attempts),
    'Cache-Control': 'no-store',
  };
  if (r.daemonId) h['X-Daemon-Id'] = r.daemonId;
  return h;
}

/** A failed compile or decompile: the typed error the pool made, as the one error body. */
function failure(r: ServiceResponse): Answer {
  return errorAnswer(r.error!, { ...r.headers, ...timingHeaders(r) });
}

function binary(r: ServiceResponse, contentType: string): Answer {
  return { status: 200, headers: { 'Content-Type': contentType, 'X-Output-Size': String(r.body.byteLength), ...timingHeaders(r) }, body: r.body };
}

/**
 * A JSON body to the codec's input: its shape is scanned as it arrives (depth, amount of
 * structure), then it is parsed and converted (json-offload.ts: off the main thread when large).
 */
async function jsonInput(request: CodecRequest, route: JsonRoute): Promise<Uint8Array> {
  const scan = new JsonShapeScan();
  const r = await convertJsonBody(route, await request.body((chunk) => scan.feed(chunk)));
  if (!r.ok) throw new HttpError(r.status, r.message, {}, r.where);
  return r.input;
}

async function compileSource(request: CodecRequest): Promise<Uint8Array> {
  const type = request.contentType;
  if (type === 'application/json') return jsonInput(request, 'compile');
  if (type === '' || type === 'text/plain') return request.body();
  throw new HttpError(415, `unsupported Content-Type "${type}" for /compile: send text/plain (FDO source) or application/json ({"source": "..."})`);
}

export async function handleCompile(service: FdoService, request: CodecRequest): Promise<Answer> {
  const source = await compileSource(request);
  if (source.byteLength === 0) throw new HttpError(400, 'the FDO source is empty');
  const r = await service.compile(source);
  if (r.error) return failure(r);
  return binary(r, 'application/octet-stream');
}

async function decompileInput(request: CodecRequest): Promise<{ binary: Uint8Array; json: boolean }> {
  const type = request.contentType;
  if (type === 'application/json') return { binary: await jsonInput(request, 'decompile'), json: true };
  if (type === '' || type === 'application/octet-stream') return { binary: await request.body(), json: false };
  throw new HttpError(415, `unsupported Content-Type "${type}" for /decompile: send application/octet-stream (the stream) or application/json ({"binary_data": "<base64>"})`);
}

export async function handleDecompile(service: FdoService, request: CodecRequest): Promise<Answer> {
  const input = await decompileInput(request);
  if (input.binary.byteLength === 0) throw new HttpError(400, 'the binary stream is empty');
  const r = await service.decompile(input.binary);
  if (r.error) return failure(r);
  if (!input.json) return binary(r, 'text/plain; charset=iso-8859-1');
  // the text goes from the daemon's bytes straight into the JSON bytes: no string, no second copy
  const body = decompiledJson(r.body, {
    input_size: input.binary.byteLength,
    output_size: r.body.byteLength,
    decompilation_time: `${(r.durationMs / 1000).toFixed(3)}s`,
    daemon_id: r.daemonId,
  });
  return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', ...timingHeaders(r) }, body };
}
