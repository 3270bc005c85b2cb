/**
 * Turns a daemon's (or the pool's) error answer into the contract's error shape:
 * `{success: false, error, daemon: {normalized: {message, code, line, column, kind, context, hint}}}`.
 * The reference daemon sometimes answers JSON it did not escape, so the raw text is a
 * fallback source for every field.
 */
import { bytesToLatin1 } from '@/lib/fdo/latin1';

export interface NormalizedDaemonError {
  message: string;
  code: string | null;
  line: number | null;
  column: number | null;
  kind: string | null;
  context: string[];
  hint: string | null;
}

export interface ServiceErrorBody {
  success: false;
  error: string;
  daemon: { normalized: NormalizedDaemonError; raw?: string };
}

const MAX_RAW_CHARS = 2000;

function asInt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v) || null;
  return null;
}

function asString(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** The line the context marks with `>>`, for answers that carry context but no line. */
function lineFromContext(context: string[]): number | null {
  for (const entry of context) {
    const m = /^>>\s*(\d+)\s*\|/.exec(entry);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Reference error codes put the line in the high 16 bits: 0x20008 is line 2. */
function lineFromCode(code: string | null): number | null {
  if (!code || !/^0x[0-9a-f]+$/i.test(code)) return null;
  const n = parseInt(code, 16);
  if (n > 0xffffffff || n >= 0x80000000) return null;
  return n >>> 16 || null;
}

function kindFromMessage(message: string): string | null {
  const m = /:\s*([A-Z][A-Za-z ]+)$/.exec(message);
  return m ? m[1]!.trim() : null;
}

function fromObject(o: Record<string, unknown>): NormalizedDaemonError {
  const context = Array.isArray(o.context) ? o.context.filter((c): c is string => typeof c === 'string') : [];
  const message = asString(o.message) ?? asString(o.error) ?? 'the daemon reported an error';
  const code = asString(o.code) ?? (typeof o.code === 'number' ? `0x${o.code.toString(16)}` : null);
  let kind = asString(o.kind);
  if (!kind || kind === 'Unknown') kind = kindFromMessage(message) ?? kind;
  return {
    message,
    code,
    line: asInt(o.line) ?? lineFromContext(context) ?? lineFromCode(code),
    column: asInt(o.column),
    kind,
    context,
    hint: asString(o.hint),
  };
}

/** Best effort on text that is not JSON: pull out what looks like a message, line and column. */
function fromText(text: string, status: number): NormalizedDaemonError {
  const message = /"message"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? (text.trim().slice(0, 500) || `the daemon answered HTTP ${status}`);
  const code = /"code"\s*:\s*"(0x[0-9a-fA-F]+)"/.exec(text)?.[1] ?? null;
  const line = Number(/"line"\s*:\s*(\d+)/.exec(text)?.[1] ?? NaN);
  const column = Number(/"column"\s*:\s*(\d+)/.exec(text)?.[1] ?? NaN);
  return {
    message,
    code,
    line: Number.isFinite(line) && line > 0 ? line : lineFromCode(code),
    column: Number.isFinite(column) && column > 0 ? column : null,
    kind: /"kind"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? kindFromMessage(message),
    context: [],
    hint: /"hint"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? null,
  };
}

export function normalizeDaemonError(body: Uint8Array, status: number): ServiceErrorBody {
  const text = bytesToLatin1(body.subarray(0, 64 * 1024));
  let normalized: NormalizedDaemonError | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const p = parsed as Record<string, unknown>;
      const inner = p.error && typeof p.error === 'object' ? (p.error as Record<string, unknown>) : p;
      normalized = fromObject(inner);
    }
  } catch {
    normalized = null;
  }
  const result: ServiceErrorBody = {
    success: false,
    error: '',
    daemon: { normalized: normalized ?? fromText(text, status) },
  };
  if (!normalized) result.daemon.raw = text.slice(0, MAX_RAW_CHARS);
  const n = result.daemon.normalized;
  result.error = n.line ? `${n.message} (line ${n.line}${n.column ? `, column ${n.column}` : ''})` : n.message;
  return result;
}
