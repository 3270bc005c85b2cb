/**
 * The source as bytes: FDO text is Latin-1, one byte per character. A string holding a
 * character above U+00FF is not FDO text and is reported, never silently truncated.
 */
import { latin1ToBytes } from '../latin1';
import { compileError } from './fail';

/** a UTF-16 code unit above U+00FF (no u flag: the class matches code units), searched natively */
const NOT_LATIN1 = /[\u0100-\uffff]/;

export function sourceBytes(text: string): Uint8Array {
  const bad = text.search(NOT_LATIN1);
  if (bad >= 0) {
    const code = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    throw compileError(
      text,
      'Bad Escape Sequence',
      bad,
      `the character "${text.charAt(bad)}" (U+${code}) is not a Latin-1 byte; FDO text has one byte per character (write \\xHH in strings)`,
    );
  }
  return latin1ToBytes(text);
}
