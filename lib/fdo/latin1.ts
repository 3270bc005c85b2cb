/** FDO text is bytes: one character per byte (Latin-1), never UTF-8. */
import { NodeBuffer, plainView } from './node-buffer';

/** The text's bytes (each character's low byte), as a plain Uint8Array. */
export function latin1ToBytes(text: string): Uint8Array {
  if (NodeBuffer !== undefined) return plainView(NodeBuffer.from(text, 'latin1'));
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function bytesToLatin1(bytes: Uint8Array): string {
  if (NodeBuffer !== undefined) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}
