/**
 * Capture files (p3-framing.md §5) -> frame records: the capture's JSONL
 * ({dir, ts, token, type, tx, rx, len, fullHex}), the wiretap proxy's JSONL (more fields;
 * its "decompile stream" view sends only {len, fullHex}, newest first), and plain lists of
 * hex frames (one a line, or a JSON array of strings). Bad lines are reported, never thrown.
 */
import type { P3Failure } from './errors';
import { fromHex } from './hex';

export type Direction = 'C->S' | 'S->C';
export type CaptureFormat = 'capture' | 'wiretap' | 'minimal' | 'hex';

export interface CaptureRecord {
  /** 1-based line (element index + 1 for a JSON array) */
  line: number;
  format: CaptureFormat;
  /** as the line states it; frames without it take it from TYPE bit 7 */
  dir?: Direction;
  ts?: string;
  bytes: Uint8Array;
}

/**
 * Hex text -> bytes, or null when the text is not plain hex pairs. The reader's own decoder
 * is pure; a host may pass a native one (Node's Buffer) for large captures.
 */
export type HexDecoder = (text: string) => Uint8Array | null;

export interface CaptureLimits {
  /** lines (records) read at most */
  maxLines: number;
  /** characters per line at most (a 64 KB frame is 128 K hex digits, plus the other fields) */
  maxLineChars: number;
  hexDecoder?: HexDecoder;
}

export const DEFAULT_CAPTURE_LIMITS: CaptureLimits = { maxLines: 200_000, maxLineChars: 600_000 };

export interface CaptureLines {
  records: CaptureRecord[];
  failures: P3Failure[];
  /** lines that held nothing (blank, or # comments) */
  blank: number;
}

const WIRETAP_FIELDS = ['streamId', 'typeName', 'crcOk', 'payloadHex', 'payloadText', 'connectionId'];

function decodeHex(text: string, native: HexDecoder | undefined): ReturnType<typeof fromHex> {
  if (native) {
    const b = native(text);
    if (b) return { bytes: b };
  }
  return fromHex(text);
}

function fromObject(o: Record<string, unknown>, line: number, native?: HexDecoder): CaptureRecord | P3Failure {
  const hexText = o.fullHex;
  if (typeof hexText !== 'string') return { check: 'line', offset: 0, line, message: `line ${line}: the record has no "fullHex" string` };
  const h = decodeHex(hexText, native);
  if ('error' in h) return { check: 'line', offset: h.error, line, message: `line ${line}: "fullHex" is not hex at character ${h.error}` };
  const dir = o.dir === 'C->S' || o.dir === 'S->C' ? o.dir : undefined;
  const ts = typeof o.ts === 'string' || typeof o.ts === 'number' ? String(o.ts) : undefined;
  const format: CaptureFormat = WIRETAP_FIELDS.some((f) => f in o) ? 'wiretap' : dir || ts ? 'capture' : 'minimal';
  return { line, format, dir, ts, bytes: h.bytes };
}

function fromLine(text: string, line: number, native?: HexDecoder): CaptureRecord | P3Failure | null {
  const t = text.trim();
  if (t === '' || t.startsWith('#')) return null;
  if (t.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      return { check: 'line', offset: 0, line, message: `line ${line}: not valid JSON` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return { check: 'line', offset: 0, line, message: `line ${line}: not a JSON object` };
    return fromObject(value as Record<string, unknown>, line, native);
  }
  const h = decodeHex(t, native);
  if ('error' in h) return { check: 'line', offset: h.error, line, message: `line ${line}: neither a JSON record nor hex (character ${h.error + 1})` };
  return { line, format: 'hex', bytes: h.bytes };
}

function fromArray(text: string, limits: CaptureLimits): CaptureLines | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const out: CaptureLines = { records: [], failures: [], blank: 0 };
  value.slice(0, limits.maxLines).forEach((item, i) => {
    const r =
      typeof item === 'string'
        ? fromLine(item, i + 1, limits.hexDecoder)
        : item !== null && typeof item === 'object' && !Array.isArray(item)
          ? fromObject(item as Record<string, unknown>, i + 1, limits.hexDecoder)
          : { check: 'line' as const, offset: 0, line: i + 1, message: `element ${i + 1}: neither a hex string nor a record` };
    if (r === null) out.blank++;
    else if ('bytes' in r) out.records.push(r);
    else out.failures.push(r);
  });
  if (value.length > limits.maxLines)
    out.failures.push({ check: 'limit', offset: 0, message: `the capture has ${value.length} elements; only the first ${limits.maxLines} were read` });
  return out;
}

/** Whether readCapture reads `text` as one JSON array rather than line by line. */
export function looksLikeArray(text: string): boolean {
  return /^\s*\[\s*["{\]]/.test(text);
}

/**
 * `from` (a line count and a character offset) reads a piece of a larger capture that
 * starts right after a line break: lines and offsets are then those of the whole capture.
 */
export function readCapture(
  text: string,
  limits: CaptureLimits = DEFAULT_CAPTURE_LIMITS,
  from: { lines: number; offset: number } = { lines: 0, offset: 0 },
): CaptureLines {
  // a JSON array of hex strings or records; anything else starting with '[' is read as lines
  if (from.lines === 0 && looksLikeArray(text)) {
    const arr = fromArray(text, limits);
    if (arr) return arr;
  }
  const out: CaptureLines = { records: [], failures: [], blank: 0 };
  let at = 0;
  let line = from.lines;
  const base = from.offset;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    line++;
    if (line > limits.maxLines) {
      out.failures.push({ check: 'limit', offset: base + at, line, message: `the capture has more than ${limits.maxLines} lines; the rest was not read` });
      break;
    }
    if (nl - at > limits.maxLineChars) {
      out.failures.push({
        check: 'limit',
        offset: base + at,
        line,
        message: `line ${line} has ${nl - at} characters, more than the ${limits.maxLineChars} a frame record needs`,
      });
    } else {
      const r = fromLine(text.slice(at, nl), line, limits.hexDecoder);
      if (r === null) out.blank++;
      else if ('bytes' in r) out.records.push(r);
      else out.failures.push(r);
    }
    at = nl + 1;
  }
  return out;
}
