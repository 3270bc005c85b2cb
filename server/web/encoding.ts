/** Checks and converts the text encodings the JSON variants carry. */
import { latin1ToBytes } from '@/lib/fdo/latin1';
import { HttpError } from './http';

/** FDO text is Latin-1: a character past U+00FF cannot be compiled, so say where it is. */
export function encodeSource(source: string): Uint8Array {
  for (let i = 0; i < source.length; i++) {
    if (source.charCodeAt(i) > 0xff) {
      const before = source.slice(0, i);
      const line = before.split('\n').length;
      const column = i - before.lastIndexOf('\n');
      throw new HttpError(
        400,
        `the source has a character outside Latin-1 (U+${source.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')}) at line ${line}, column ${column}; FDO text is one byte per character`,
      );
    }
  }
  return latin1ToBytes(source);
}

/** Standard base64 (padding optional, whitespace ignored); anything else is a 400. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1 || (clean.includes('=') && clean.length % 4 !== 0)) {
    throw new HttpError(400, '"binary_data" is not valid base64');
  }
  return new Uint8Array(Buffer.from(clean, 'base64'));
}
