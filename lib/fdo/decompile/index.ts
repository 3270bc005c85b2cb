/**
 * decompile(binary) -> FDO text (Latin-1, one character per byte), byte-exact with the
 * reference engine (spec sections 2-7). Pure: all decoder state lives in the call.
 */
import { FdoError } from '../errors';
import { printStream } from './stream-printer';

export function decompile(binary: Uint8Array): string {
  try {
    return printStream(binary);
  } catch (error) {
    if (error instanceof FdoError) throw error;
    // V8 refuses strings and arrays past its limits with a RangeError.
    if (error instanceof RangeError) {
      throw new FdoError({ kind: 'Input Too Large', message: `Input Too Large: ${error.message}` });
    }
    throw new FdoError({
      kind: 'Truncated Atom',
      message: `Truncated Atom: the decompiler failed unexpectedly (${error instanceof Error ? error.message : String(error)})`,
    });
  }
}
