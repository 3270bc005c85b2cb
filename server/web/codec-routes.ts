/**
 * POST /compile and POST /decompile, as ../shared/docs/pool-api.md describes them:
 * a raw variant that answers like a daemon, and a JSON variant for browsers and scripts.
 */
import type { FdoService, ServiceResponse } from '@/lib/service/contract';
import { bytesToLatin1 } from '@/lib/fdo/latin1';
import { HttpError, errorAnswer, jsonAnswer, parseJsonObject, type Answer } from './http';
import { decodeBase64, encodeSource } from './encoding';
import { asksForTemplate, renderedSource, templateHeaders, type TemplateUse } from './template-input';

/** What the codec routes need of a request, whatever carried it. */
export interface CodecRequest {
  /** media type without parameters, lower-cased; '' when absent */
  contentType: string;
  /** the whole body; throws HttpError 413 past the size limit */
  body(): Promise<Uint8Array>;
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

async function compileSource(request: CodecRequest): Promise<{ source: Uint8Array; template: TemplateUse | null }> {
  const type = request.contentType;
  if (type === 'application/json') {
    const body = parseJsonObject(await request.body());
    // {form_id | source, variables, variant}: a template, filled before compiling
    if (asksForTemplate(body)) {
      const { text, template } = await renderedSource(body);
      return { source: encodeSource(text), template };
    }
    if (typeof body.source !== 'string') throw new HttpError(400, 'JSON body needs a "source" string holding the FDO source text');
    return { source: encodeSource(body.source), template: null };
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
  if (type === 'application/json') {
    const body = parseJsonObject(await request.body());
    if (typeof body.binary_data !== 'string') throw new HttpError(400, 'JSON body needs a "binary_data" string holding the stream in base64');
    if (body.format !== undefined && body.format !== 'text') throw new HttpError(400, `unsupported "format" ${JSON.stringify(body.format)}: only "text" is supported`);
    return { binary: decodeBase64(body.binary_data), json: true };
  }
  if (type === '' || type === 'application/octet-stream') return { binary: await request.body(), json: false };
  throw new HttpError(415, `unsupported Content-Type "${type}" for /decompile: send application/octet-stream (the stream) or application/json ({"binary_data": "<base64>"})`);
}

export async function handleDecompile(service: FdoService, request: CodecRequest): Promise<Answer> {
  const input = await decompileInput(request);
  if (input.binary.byteLength === 0) throw new HttpError(400, 'the binary stream is empty');
  const r = await service.decompile(input.binary);
  if (r.error) return failure(r);
  if (!input.json) return binary(r, 'text/plain; charset=iso-8859-1');
  return jsonAnswer(
    {
      success: true,
      source: bytesToLatin1(r.body),
      input_size: input.binary.byteLength,
      output_size: r.body.byteLength,
      decompilation_time: `${(r.durationMs / 1000).toFixed(3)}s`,
      daemon_id: r.daemonId,
    },
    200,
    timingHeaders(r),
  );
}
