/**
 * What the daemon answers for a codec request: the codec's output, or an error in the
 * protocol's JSON shape (../shared/docs/daemon-protocol.md, fdo-format.md Appendix B).
 * Runs on the main thread for small bodies and inside a worker for large ones, so it is a
 * pure function of the codec and the body.
 */
import { COMPILE_ERROR_CODES, sourceContext, type FdoErrorDetails, type FdoErrorKind } from '@/lib/fdo/errors';
import { bytesToLatin1 } from '@/lib/fdo/latin1';
import { DAEMON_CODES } from '@/lib/service/daemon-codes';

export type CodecOp = 'compile' | 'decompile';

/** The synchronous codec the daemon serves (lib/fdo in production, a fake in HTTP tests). */
export interface Codec {
  /** `source` is the request body: FDO text, one byte per character */
  compile(source: Uint8Array): Uint8Array;
  decompile(bytes: Uint8Array): string;
}

export interface Answer {
  status: number;
  contentType: string;
  body: Uint8Array;
}

export const JSON_TYPE = 'application/json';
export const BINARY_TYPE = 'application/octet-stream';
/** Decompiled text is Latin-1, one byte per character (never UTF-8). */
export const TEXT_TYPE = 'text/plain; charset=iso-8859-1';

export { DAEMON_CODES };

/** Codes for the decoder's own error kinds (the reference has none: it reads memory instead). */
const DECOMPILE_KIND_CODES: Record<string, number> = {
  'Truncated Atom': 0x40,
  'Input Too Large': 0x41,
  'Output Too Large': 0x42,
};
const UNKNOWN_KIND_CODE = 0xff;

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** A JSON answer: status first, then the value (the web server's jsonAnswer takes the body first). */
export function jsonStatusAnswer(status: number, value: unknown): Answer {
  return { status, contentType: JSON_TYPE, body: Buffer.from(JSON.stringify(value), 'utf8') };
}

export function errorAnswer(status: number, message: string, code: number, extra: Record<string, unknown> = {}): Answer {
  return jsonStatusAnswer(status, { error: { message, code: hex(code), ...extra } });
}

/** The codec's error, by duck type: the worker bundle and the main bundle each have their own FdoError class. */
type FdoLike = Omit<FdoErrorDetails, 'kind'> & { kind: FdoErrorKind | string };

function asFdoError(err: unknown): FdoLike | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as Partial<FdoLike> & { name?: unknown };
  return e.name === 'FdoError' && typeof e.kind === 'string' && typeof e.message === 'string' ? (e as FdoLike) : null;
}

const referenceCode = (kind: string): number | undefined => (COMPILE_ERROR_CODES as Record<string, number>)[kind];

/** 400 in the reference's shape: message "Ada32 error rc=0x20008 (131080): Missing Close Bracket", code "0x20008". */
export function compileErrorAnswer(err: FdoLike, source: Uint8Array): Answer {
  const code = referenceCode(err.kind);
  const context = err.context ?? (err.line !== undefined && err.line >= 1 ? sourceContext(bytesToLatin1(source).split(/\r?\n/), err.line) : undefined);
  const where = { line: err.line, column: err.column, kind: err.kind, context, hint: err.hint };
  if (code === undefined) {
    return errorAnswer(400, `${err.kind}: ${err.message}`, DECOMPILE_KIND_CODES[err.kind] ?? UNKNOWN_KIND_CODE, { ...where, detail: err.message });
  }
  const rc = (((err.line ?? 0) << 16) | code) >>> 0;
  return errorAnswer(400, `Ada32 error rc=${hex(rc)} (${rc}): ${err.kind}`, rc, { ...where, detail: err.message });
}

/** 422 with the byte offset of the atom that could not be decoded. */
export function decompileErrorAnswer(err: FdoLike): Answer {
  const code = referenceCode(err.kind);
  const extra = { offset: err.offset, kind: err.kind, hint: err.hint, detail: err.message };
  if (code !== undefined) return errorAnswer(422, `Ada32 error rc=${hex(code)} (${code}): ${err.kind}`, code, extra);
  return errorAnswer(422, err.message, DECOMPILE_KIND_CODES[err.kind] ?? UNKNOWN_KIND_CODE, extra);
}

/** A bug in the codec: say so without the error's text or stack (they could hold request or heap data). */
export function crashAnswer(): Answer {
  return errorAnswer(500, 'AtomForge codec failed: internal error', DAEMON_CODES.crash);
}

const NO_OUTPUT = { kind: 'No Output', hint: 'the input holds no atoms' };

/** Runs one codec request and turns every outcome into an answer; never throws. */
export function answer(codec: Codec, op: CodecOp, body: Uint8Array, onInternalError?: (err: unknown) => void): Answer {
  try {
    if (op === 'compile') {
      // The compiler reads bytes: no Latin-1 string is made from the body and encoded back.
      const out = codec.compile(body);
      // the reference answers 500 here; it is the input's fault (no atoms), so we answer 422
      if (out.byteLength === 0) return errorAnswer(422, 'Compilation produced no output', DAEMON_CODES.noOutput, NO_OUTPUT);
      return { status: 200, contentType: BINARY_TYPE, body: out };
    }
    const text = codec.decompile(body);
    if (text.length === 0) return errorAnswer(422, 'Decompilation produced no output', DAEMON_CODES.noOutput, NO_OUTPUT);
    return { status: 200, contentType: TEXT_TYPE, body: Buffer.from(text, 'latin1') };
  } catch (err) {
    const fdo = asFdoError(err);
    // 'Internal Error' is the codec's own bug, not the client's input: answer it as a crash
    if (fdo && fdo.kind !== 'Internal Error') return op === 'compile' ? compileErrorAnswer(fdo, body) : decompileErrorAnswer(fdo);
    onInternalError?.(err);
    return crashAnswer();
  }
}
