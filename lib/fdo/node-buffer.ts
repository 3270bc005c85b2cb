/**
 * Node's Buffer, when the codec runs under Node: its native Latin-1 conversions and pooled
 * allocation are several times faster than portable JavaScript. Undefined in a browser,
 * where the callers fall back to plain typed arrays and strings.
 */
export interface NodeBufferApi {
  from(text: string, encoding: 'latin1'): Uint8Array;
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'latin1'): string };
  allocUnsafe(size: number): Uint8Array;
}

export const NodeBuffer = (globalThis as { Buffer?: NodeBufferApi }).Buffer;

/** A plain Uint8Array over the same bytes, so hot loops see one array shape, never a Buffer. */
export function plainView(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
