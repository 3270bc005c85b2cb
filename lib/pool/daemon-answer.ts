/**
 * What one attempt on a daemon proves, decided once, by a table.
 *
 * A daemon that answers HTTP with a well-formed error about the input is alive and
 * healthy: its answer is a verdict on the input and goes back to the client. Only
 * transport failures (refused, reset, timeout), process death and answers proving the
 * engine itself failed count against a daemon. The same table serves the built-in daemon
 * and the reference exe behind FDO_DAEMON_COMMAND (../shared/docs/daemon-protocol.md):
 *
 * | daemon answer                                         | verdict          | client gets |
 * |-------------------------------------------------------|------------------|-------------|
 * | 200 with output                                       | success          | 200 output  |
 * | 200 with no output                                    | input (no_output)| 422         |
 * | 400 compile error (JSON, reference rc in `code`)      | input            | 400 + line, column |
 * | 400 `Empty request body` (text), malformed request    | input            | 400         |
 * | 413 body too large (0xfffffff0)                       | input            | 413         |
 * | 422 undecodable stream                                | input            | 422 + offset |
 * | 422 no output (built-in daemon, 0xfffffffd)           | input (no_output)| 422         |
 * | 500 0xfffffffd "produced no output" (reference)       | input (no_output)| 422         |
 * | 503 0xfffffff2 the input ran past the daemon's limit  | input            | 422         |
 * | 503 0xfffffff4 busy / stopping                        | busy             | retried elsewhere; not a failure |
 * | 500 0xfffffc18 engine crash                           | engine_crash     | retried once, then 422 poison |
 * | 408 0xfffffff1 body not received in time              | engine_failure   | retried elsewhere |
 * | 404, other 4xx from the daemon's own framing (431)    | engine_failure   | retried elsewhere |
 * | other 5xx, unknown status                             | engine_failure   | retried elsewhere |
 * | refused, reset, cut off, timeout                      | transport_failure| retried elsewhere |
 * | the process died during the request                   | engine_crash     | retried once, then 422 poison |
 *
 * Other 4xx statuses are verdicts on the input and pass through with their status.
 * Pure: bytes in, a verdict out.
 */
import type { ServiceError } from '../service/contract';
import { DAEMON_CODES } from '../service/daemon-codes';

export type AttemptResult =
  | { kind: 'answer'; status: number; body: Uint8Array }
  | { kind: 'timeout' }
  /** nothing was listening: the daemon was down before the input reached it */
  | { kind: 'refused' }
  | { kind: 'connection'; daemonDied: boolean };

export type AttemptVerdict =
  | { verdict: 'success' }
  | { verdict: 'input'; error: ServiceError }
  | { verdict: 'busy'; why: string }
  | { verdict: 'engine_failure'; why: string }
  | { verdict: 'engine_crash'; why: string }
  | { verdict: 'transport_failure'; why: string };

/** does this verdict count against the daemon (breaker, health)? */
export function countsAgainstDaemon(v: AttemptVerdict): boolean {
  return v.verdict === 'engine_failure' || v.verdict === 'engine_crash' || v.verdict === 'transport_failure';
}

/** the fields of a daemon's JSON error answer, read once (the reference's JSON is not always valid) */
export interface DaemonErrorFields {
  message: string;
  code: number | null;
  line: number | null;
  column: number | null;
  kind: string | null;
  context: string[];
  hint: string | null;
  offset: number | null;
  detail: string | null;
}

/** how much of an error answer is read: error answers are small, a huge one is not trusted */
const MAX_ERROR_BYTES = 64 * 1024;

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 8192)));
  return s;
}

function positiveInt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return Number(v);
  return null;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function codeOf(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v >>> 0;
  if (typeof v === 'string' && /^0x[0-9a-f]{1,8}$/i.test(v)) return parseInt(v, 16) >>> 0;
  return null;
}

/** the line the context marks with `>>`, for answers that carry context but no line */
function lineFromContext(context: string[]): number | null {
  for (const entry of context) {
    const m = /^>>\s*(\d+)\s*\|/.exec(entry);
    if (m) return Number(m[1]);
  }
  return null;
}

/** reference compile codes carry the line in the high 16 bits: 0x20008 is line 2 */
function lineFromCode(code: number | null): number | null {
  if (code === null || code >= 0x80000000) return null;
  return code >>> 16 || null;
}

/** "Ada32 error rc=0x20008 (131080): Missing Close Bracket" names its kind at the end */
function kindFromMessage(message: string): string | null {
  const m = /:\s*([A-Z][A-Za-z ]+)$/.exec(message);
  return m ? m[1]!.trim() : null;
}

function fromObject(o: Record<string, unknown>): DaemonErrorFields {
  const context = Array.isArray(o.context) ? o.context.filter((c): c is string => typeof c === 'string').slice(0, 20) : [];
  const message = text(o.message) ?? text(o.error) ?? 'the daemon reported an error';
  const code = codeOf(o.code);
  let kind = text(o.kind);
  if (!kind || kind === 'Unknown') kind = kindFromMessage(message) ?? kind;
  return {
    message,
    code,
    line: positiveInt(o.line) || lineFromContext(context) || lineFromCode(code),
    column: positiveInt(o.column) || null,
    kind,
    context,
    hint: text(o.hint),
    offset: positiveInt(o.offset),
    detail: text(o.detail),
  };
}

/** text that is not JSON (the reference does not escape quotes in `context`): pick out the fields */
function fromText(raw: string, status: number): DaemonErrorFields {
  const field = (name: string) => new RegExp(`"${name}"\\s*:\\s*"([^"]*)"`).exec(raw)?.[1] ?? null;
  const number = (name: string) => positiveInt(new RegExp(`"${name}"\\s*:\\s*(\\d+)`).exec(raw)?.[1]);
  const message = field('message') ?? (raw.trim().slice(0, 500) || `the daemon answered HTTP ${status}`);
  const code = codeOf(field('code'));
  return {
    message,
    code,
    line: number('line') || lineFromCode(code),
    column: number('column') || null,
    kind: field('kind') ?? kindFromMessage(message),
    context: [],
    hint: field('hint'),
    offset: number('offset'),
    detail: field('detail'),
  };
}

/** reads a daemon's error answer: `{"error": {message, code, line, …}}`, or what can be found in its text */
export function readDaemonError(status: number, body: Uint8Array): DaemonErrorFields {
  const raw = latin1(body.subarray(0, MAX_ERROR_BYTES));
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') {
      const p = parsed as Record<string, unknown>;
      return fromObject(p.error && typeof p.error === 'object' ? (p.error as Record<string, unknown>) : p);
    }
  } catch {
    /* not JSON: read it as text below */
  }
  return fromText(raw, status);
}

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

function inputError(status: number, f: DaemonErrorFields, kind: string, message = f.message): ServiceError {
  return {
    class: 'input',
    status,
    kind,
    message,
    code: f.code === null ? null : hex(f.code),
    line: f.line,
    column: f.column,
    offset: f.offset,
    context: f.context,
    hint: f.hint,
    retryAfterSeconds: null,
  };
}

export type CodecPath = '/compile' | '/decompile';

/** the error a client gets for an input that holds no atoms (blank text, a stream that decodes to nothing) */
export function noOutputError(path: CodecPath, code: number | null = DAEMON_CODES.noOutput): ServiceError {
  const message =
    path === '/compile'
      ? 'the source holds no atoms: it is empty or only blanks and line ends, so there is nothing to compile'
      : 'the stream holds no atoms: nothing in it decodes to FDO text';
  return {
    class: 'no_output',
    status: 422,
    kind: 'No Output',
    message,
    code: code === null ? null : hex(code),
    line: null,
    column: null,
    offset: null,
    context: [],
    hint: path === '/compile' ? 'write at least one atom, e.g. uni_start_stream' : 'send a compiled FDO stream',
    retryAfterSeconds: null,
  };
}

/** the verdict on one attempt (see the table at the top of this file) */
export function classifyAttempt(result: AttemptResult, path: CodecPath): AttemptVerdict {
  switch (result.kind) {
    case 'timeout':
      return { verdict: 'transport_failure', why: 'timed out' };
    case 'refused':
      return { verdict: 'transport_failure', why: 'connection refused' };
    case 'connection':
      return result.daemonDied
        ? { verdict: 'engine_crash', why: 'the daemon died during the request' }
        : { verdict: 'transport_failure', why: 'connection failed' };
    case 'answer':
      return classifyAnswer(result.status, result.body, path);
  }
}

function classifyAnswer(status: number, body: Uint8Array, path: CodecPath): AttemptVerdict {
  if (status === 200) return body.byteLength > 0 ? { verdict: 'success' } : { verdict: 'input', error: noOutputError(path, null) };
  const f = readDaemonError(status, body);
  const code = f.code;
  if (code === DAEMON_CODES.noOutput && (status === 500 || (status >= 400 && status < 500))) return { verdict: 'input', error: noOutputError(path) };
  if (code === DAEMON_CODES.crash) return { verdict: 'engine_crash', why: `engine crashed (HTTP ${status}: ${f.message.slice(0, 120)})` };
  if (code === DAEMON_CODES.busy) return { verdict: 'busy', why: `daemon busy (HTTP ${status})` };
  if (code === DAEMON_CODES.codecTimeout) {
    return { verdict: 'input', error: inputError(422, f, 'Too Costly', `${f.message}: the input takes longer than the daemon's time limit`) };
  }
  if (status === 408 || status === 404 || status === 431 || code === DAEMON_CODES.requestTimeout) {
    return { verdict: 'engine_failure', why: `HTTP ${status} from the daemon's framing` };
  }
  if (status >= 400 && status < 500) {
    const kind = f.kind ?? (status === 413 ? 'Body Too Large' : status === 422 ? 'Undecodable Stream' : 'Bad Input');
    return { verdict: 'input', error: inputError(status, f, kind) };
  }
  return { verdict: 'engine_failure', why: `HTTP ${status}${f.message ? `: ${f.message.slice(0, 120)}` : ''}` };
}
