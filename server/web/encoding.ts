/** Checks and converts the text encodings the JSON variants carry. */
import { latin1ToBytes } from '@/lib/fdo/latin1';
import type { ServiceErrorBody } from './daemon-error';
import { HttpError } from './http';

const KIND = 'Invalid Character';

/**
 * FDO text is Latin-1: a character past U+00FF cannot be compiled. It is refused like any
 * compile error (400 with line, column, context and hint in the same shape as the daemon's
 * errors), so the playground points at it like at a syntax error.
 */
export function encodeSource(source: string): Uint8Array {
  for (let i = 0; i < source.length; i++) {
    if (source.charCodeAt(i) > 0xff) throw nonLatin1(source, i);
  }
  return latin1ToBytes(source);
}

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

function nonLatin1(source: string, at: number): HttpError {
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) line++;
  const column = at - lineStart + 1;
  const name = `U+${source.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const message = `the source has a character outside Latin-1 (${name}) at line ${line}, column ${column}; FDO text is one byte per character`;
  const body: ServiceErrorBody = {
    success: false,
    error: `${message}`,
    daemon: {
      normalized: {
        message,
        code: null,
        line,
        column,
        kind: KIND,
        context: contextAround(source, lineStart, line),
        hint: 'replace the character with a Latin-1 one, or write its bytes as hex data such as <e2x,82x,acx>.',
      },
    },
  };
  return new HttpError(400, message, {}, { ...body });
}

/** Standard base64 (padding optional, whitespace ignored); anything else is a 400. */
export function decodeBase64(text: string): Uint8Array {
  const clean = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1 || (clean.includes('=') && clean.length % 4 !== 0)) {
    throw new HttpError(400, '"binary_data" is not valid base64');
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}
