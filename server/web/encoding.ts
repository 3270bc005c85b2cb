/**
 * The JSON variants' bodies to the codec's input: UTF-8 JSON to an object, `source` (FDO
 * text, Latin-1: one byte per character) or `binary_data` (base64) to bytes.
 *
 * `jsonBodyToInput` is self-contained on purpose (no imports, no outside names): for large
 * bodies json-offload.ts runs this very function's source in a worker thread, so that a
 * 16 MB body never blocks the event loop, and small bodies run it inline. Both give the
 * same answers because they are the same code.
 */

import { HttpError } from './http';
import { locateJsonSyntaxError } from './json-syntax';

export type JsonRoute = 'compile' | 'decompile';

export type JsonInput =
  | { ok: true; input: Uint8Array }
  /** `where`: line, column, kind, context and hint, when the problem has a place in the source */
  | { ok: false; status: number; message: string; where: { line?: number; column?: number; kind?: string; context?: string[]; hint?: string } };

/** `locate`: json-syntax.ts's locateJsonSyntaxError, passed in so this function names nothing outside itself */
export function jsonBodyToInput(route: JsonRoute, bytes: Uint8Array, locate: (text: string) => { message: string; line: number; column: number }): JsonInput {
  const refuse = (message: string, where: (JsonInput & { ok: false })['where'] = {}): JsonInput => ({ ok: false, status: 400, message, where });

  /** Up to two lines either side of `line`, marked like the compiler's context, without splitting the whole source. */
  function contextAround(source: string, lineStart: number, line: number): string[] {
    let from = lineStart;
    let first = line;
    while (first > Math.max(1, line - 2)) {
      from = source.lastIndexOf('\n', from - 2) + 1;
      first--;
    }
    let to = lineStart;
    for (let n = 0; n < 3 && to !== -1; n++) to = source.indexOf('\n', to + 1);
    return source
      .slice(from, to === -1 ? undefined : to)
      .split('\n')
      .map((text, i) => `${first + i === line ? '>>' : '  '}${String(first + i).padStart(3)} | ${text.replace(/\r$/, '')}`);
  }

  /**
   * FDO text is Latin-1: a character past U+00FF cannot be compiled. It is refused like
   * any compile error (400 with line, column, context and hint: error-body.ts renders it
   * like the daemon's), so the playground points at it like at a syntax error.
   */
  function nonLatin1(source: string, at: number): JsonInput {
    const lineStart = source.lastIndexOf('\n', at - 1) + 1;
    let line = 1;
    for (let i = source.indexOf('\n'); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) line++;
    const column = at - lineStart + 1;
    const name = `U+${source.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return refuse(`the source has a character outside Latin-1 (${name}); FDO text is one byte per character`, {
      line,
      column,
      kind: 'Invalid Character',
      context: contextAround(source, lineStart, line),
      hint: 'replace the character with a Latin-1 one, or write its bytes as hex data such as <e2x,82x,acx>.',
    });
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('request body is not valid UTF-8 JSON');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = locate(text);
    return refuse(at.message, { line: at.line, column: at.column, kind: 'Invalid JSON' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return refuse('request body must be a JSON object');
  const body = value as Record<string, unknown>;

  if (route === 'compile') {
    const source = body.source;
    if (typeof source !== 'string') return refuse('JSON body needs a "source" string holding the FDO source text');
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) > 0xff) return nonLatin1(source, i);
    return { ok: true, input: new Uint8Array(Buffer.from(source, 'latin1')) };
  }

  if (typeof body.binary_data !== 'string') return refuse('JSON body needs a "binary_data" string holding the stream in base64');
  if (body.format !== undefined && body.format !== 'text')
    return refuse(`unsupported "format" ${JSON.stringify(body.format).slice(0, 60)}: only "text" is supported`);
  // standard base64, padding optional, whitespace ignored; anything else is a 400
  const b64 = /\s/.test(body.binary_data) ? body.binary_data.replace(/\s+/g, '') : body.binary_data;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.replace(/=+$/, '').length % 4 === 1 || (b64.includes('=') && b64.length % 4 !== 0)) {
    return refuse('"binary_data" is not valid base64');
  }
  return { ok: true, input: new Uint8Array(Buffer.from(b64, 'base64')) };
}

/**
 * A source string (a rendered template, a P3 chunk) to bytes, refused exactly as a JSON
 * body's `source` would be. The common case checks in place; only a refusal goes through
 * jsonBodyToInput, so that its error (line, column, context) is the same.
 */
export function encodeSource(source: string): Uint8Array {
  // the native search (a UTF-16 code unit above U+00FF; no u flag), as lib/fdo's compile does
  if (/[\u0100-\uffff]/.test(source)) throw refusal(jsonBodyToInput('compile', new TextEncoder().encode(JSON.stringify({ source })), locateJsonSyntaxError));
  const bytes = Buffer.from(source, 'latin1');
  // a large string's Buffer has memory of its own (only small ones share Node's pool slab): no copy
  return bytes.byteLength >= 4096 && bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength
    ? new Uint8Array(bytes.buffer, 0, bytes.byteLength)
    : new Uint8Array(bytes);
}

/** Standard base64 (padding optional, whitespace ignored), refused as a JSON body's `binary_data` would be. */
export function decodeBase64(text: string): Uint8Array {
  const r = jsonBodyToInput('decompile', new TextEncoder().encode(JSON.stringify({ binary_data: text })), locateJsonSyntaxError);
  if (!r.ok) throw refusal(r);
  return r.input;
}

function refusal(r: JsonInput): HttpError {
  if (r.ok) return new HttpError(500, 'internal error while converting the input');
  return new HttpError(r.status, r.message, {}, r.where);
}
