/**
 * Byte arrays for the codec's output. Under Node a new ArrayBuffer costs a microsecond or
 * more (an allocation outside the JavaScript heap), about as much as compiling a short form;
 * Node's Buffer pool hands out small arrays for a tenth of that.
 */
import { NodeBuffer, plainView } from './node-buffer';

/**
 * n bytes whose contents are unspecified: callers write every byte they later read or
 * return. The result is a plain Uint8Array view, so hot loops see one array shape.
 */
export function newBytes(n: number): Uint8Array {
  return NodeBuffer === undefined ? new Uint8Array(n) : plainView(NodeBuffer.allocUnsafe(n));
}
