/**
 * decompile(binary) -> FDO text (Latin-1, one character per byte), byte-exact with the
 * reference engine (spec sections 2-7). Pure: all decoder state lives in the call.
 * Every failure is an FdoError.
 */
import { FdoError } from '../errors';
import { printStream, type TextLimitKind } from './stream-printer';
import { MAX_TEXT_LENGTH } from './text-buffer';

export { MAX_TEXT_LENGTH } from './text-buffer';

export interface DecompileOptions {
  /**
   * Refuse the binary with an 'Output Too Large' FdoError (with the input offset reached)
   * as soon as its text would pass this many bytes (Latin-1: one byte per character). The
   * check runs while the text is produced, so an output bomb costs at most this much memory.
   * Default and ceiling: MAX_TEXT_LENGTH, whose overflow stays an 'Input Too Large' error.
   */
  maxTextBytes?: number;
}

export function decompile(binary: Uint8Array, options?: DecompileOptions): string {
  const maxTextBytes = options?.maxTextBytes;
  if (maxTextBytes === undefined || maxTextBytes >= MAX_TEXT_LENGTH) return decompileWithLimit(binary, MAX_TEXT_LENGTH);
  if (!(maxTextBytes >= 0)) throw new TypeError(`maxTextBytes must be a number of bytes, 0 or more (got ${maxTextBytes})`);
  return decompileText(binary, Math.floor(maxTextBytes), 'Output Too Large');
}

/** decompile with a smaller text limit than the default, refused as 'Input Too Large' (tests, callers with tighter memory). */
export function decompileWithLimit(binary: Uint8Array, maxTextLength: number): string {
  return decompileText(binary, Math.min(maxTextLength, MAX_TEXT_LENGTH), 'Input Too Large');
}

function decompileText(binary: Uint8Array, maxTextLength: number, limitKind: TextLimitKind): string {
  try {
    return printStream(binary, maxTextLength, limitKind);
  } catch (error) {
    if (error instanceof FdoError) throw error;
    // V8 refuses strings and buffers beyond its limits with a RangeError.
    if (error instanceof RangeError) {
      throw new FdoError({ kind: 'Input Too Large', message: `the decompiled text is too large (${error.message})` });
    }
    throw new FdoError({
      kind: 'Internal Error',
      message: `the decompiler failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
