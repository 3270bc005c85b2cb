/**
 * POST /compile and POST /decompile, as ../shared/docs/pool-api.md describes them:
 * a raw variant that answers like a daemon, and a JSON variant for browsers and scripts.
 */
import type { FdoService, ServiceResponse } from '@/lib/service/contract';
import { encodeSource, type JsonRoute } from './encoding';
import { HttpError, errorAnswer, parseJsonObject, type Answer } from './http';
import { convertJsonBody } from './json-offload';
import { jsonShapeScan } from './json-scan';
import { decompiledJson } from './json-writer';
import { asksForTemplate, renderedSource, templateHeaders, type TemplateUse } from './template-input';

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
async function jsonBytes(request: CodecRequest): Promise<Uint8Array> {
  return request.body(jsonShapeScan());
}

async function converted(route: JsonRoute, bytes: Uint8Array): Promise<Uint8Array> {
  const r = await convertJsonBody(route, bytes);
  if (!r.ok) throw new HttpError(r.status, r.message, {}, r.where);
  return r.input;
}

/** the names a template body uses (template-input.ts); a body without any of them is no template */
const TEMPLATE_KEYS = ['"form_id"', '"variables"', '"variant"'].map((k) => Buffer.from(k));

async function compileSource(request: CodecRequest): Promise<{ source: Uint8Array; template: TemplateUse | null }> {
  const type = request.contentType;
  if (type === 'application/json') {
    const bytes = await jsonBytes(request);
    // {form_id | source, variables, variant}: a template, filled before compiling. Only a
    // body that mentions one of those names is parsed here; plain sources take the offload path.
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (TEMPLATE_KEYS.some((k) => view.includes(k))) {
      const body = parseJsonObject(bytes);
      if (asksForTemplate(body)) {
        const { text, template } = await renderedSource(body);
        return { source: encodeSource(text), template };
      }
    }
    return { source: await converted('compile', bytes), template: null };
  }
  if (type === '' || type === 'text/plain') return { source: await request.body(), template: null };
  throw new HttpError(415, `unsupported Content-Type "${type}" for /compile: send text/plain (FDO source) or application/json ({"source": "..."})`);
}

export async function handleCompile(service: FdoService, request: CodecRequest): Promise<Answer> {
  const { source, template } = await compileSource(request);
  if (source.byteLength === 0) throw new HttpError(400, 'the FDO source is empty');
  const r = await service.compile(source);
  if (r.error) return failure(r);
  const answer = binary(r, 'application/octet-stream');
  return { ...answer, headers: { ...answer.headers, ...templateHeaders(template) } };
}

async function decompileInput(request: CodecRequest): Promise<{ binary: Uint8Array; json: boolean }> {
  const type = request.contentType;
  if (type === 'application/json') return { binary: await converted('decompile', await jsonBytes(request)), json: true };
  if (type === '' || type === 'application/octet-stream') return { binary: await request.body(), json: false };
  throw new HttpError(
    415,
    `unsupported Content-Type "${type}" for /decompile: send application/octet-stream (the stream) or application/json ({"binary_data": "<base64>"})`,
  );
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
