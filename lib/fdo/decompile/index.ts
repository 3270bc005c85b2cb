/**
 * decompile(binary) -> FDO text (Latin-1, one character per byte), byte-exact with the
 * reference engine (spec sections 2-7). Pure: all decoder state lives in the call.
 * Every failure is an FdoError.
 */
import { FdoError } from '../errors';
import { printStream } from './stream-printer';
import { MAX_TEXT_LENGTH } from './text-buffer';

export { MAX_TEXT_LENGTH } from './text-buffer';

export function decompile(binary: Uint8Array): string {
  return decompileWithLimit(binary, MAX_TEXT_LENGTH);
}

/** decompile with a smaller text limit than the default (tests, callers with tighter memory). */
export function decompileWithLimit(binary: Uint8Array, maxTextLength: number): string {
  try {
    return printStream(binary, Math.min(maxTextLength, MAX_TEXT_LENGTH));
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
