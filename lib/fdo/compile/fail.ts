/**
 * Turns a source position into a compile error: 1-based line and column, the reference's
 * context lines. Only runs on the error path, so it may be slow and allocate freely.
 */
import { FdoError, sourceContext, type FdoErrorKind } from '../errors';

function splitLines(src: string): string[] {
  const lines = src.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function compileError(src: string, kind: FdoErrorKind, at: number, message: string): FdoError {
  let pos = Math.min(Math.max(at, 0), src.length);
  // An error at the very end after a final line break belongs to the last line.
  if (pos === src.length && pos > 0) {
    const last = src.charCodeAt(pos - 1);
    if (last === 10 || last === 13) pos -= last === 10 && pos > 1 && src.charCodeAt(pos - 2) === 13 ? 2 : 1;
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && i + 1 < pos && src.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return new FdoError({
    kind,
    message,
    line,
    column: pos - lineStart + 1,
    context: sourceContext(splitLines(src), line),
  });
}

/** A short printable excerpt of the text at a position, for messages. */
export function excerpt(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(cut);
}
