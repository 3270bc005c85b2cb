/**
 * The FDO91 compiler: text -> binary, byte-exact with the reference engine for canonical
 * text and the hand-written forms of spec section 8, with the deliberate differences of 8.8.
 * Pure: no I/O and no state outside one call.
 */
import { FdoError } from '../errors';
import { plainView } from '../node-buffer';
import { compileError } from './fail';
import { sourceBytes } from './source';
import { CompileState } from './state';
import { compileStream } from './stream';

/**
 * Compiles FDO text (a Latin-1 string, one character per byte, or the bytes) to a binary
 * stream: a fresh Uint8Array of exactly the binary's length, which the caller owns (its
 * `.buffer` holds only these bytes, so it can be transferred or kept).
 */
export function compile(source: string | Uint8Array): Uint8Array {
  return compiled(source).ownedBytes();
}

/**
 * As compile, but the result may be a view into a larger shared buffer (Node's Buffer pool,
 * as small Buffers are), which saves an allocation and a copy per call: read it only through
 * the view (`byteOffset`, `byteLength`), never through `.buffer`, and never transfer it.
 * For hot paths that write the bytes out at once (the daemon's main thread).
 */
export function compileToPooledView(source: string | Uint8Array): Uint8Array {
  return compiled(source).pooledView();
}

/** The finished compile state of a source; every failure an FdoError. */
function compiled(source: string | Uint8Array): CompileState {
  let st: CompileState;
  if (typeof source === 'string') st = new CompileState(sourceBytes(source), source);
  else if (source instanceof Uint8Array) st = new CompileState(plainView(source));
  else throw new FdoError({ kind: 'Invalid Input', message: 'compile expects FDO text as a string or bytes', line: 1, column: 1 });
  try {
    compileStream(st);
  } catch (err) {
    if (err instanceof FdoError) throw err;
    // Nothing else should escape; if it does, report it where reading stopped.
    const tooLarge = err instanceof RangeError;
    throw compileError(
      st.text(0, st.end),
      tooLarge ? 'Input Too Large' : 'Internal Error',
      st.pos,
      tooLarge ? 'the input is too large to compile' : `the compiler failed unexpectedly while reading this text (${String(err)})`,
    );
  }
  return st;
}
