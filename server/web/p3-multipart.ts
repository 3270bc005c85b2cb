/**
 * The one multipart/form-data field /decompile-jsonl needs (`file`, as the original service
 * took it). The boundary comes from the Content-Type parameter when the caller has it, else
 * from the body's first line (RFC 2046: the body starts with "--boundary"). Linear scans
 * only; a body that is not well-formed multipart is a 400.
 */
import { HttpError } from './http';

const CRLF_CRLF = Buffer.from('\r\n\r\n');

export function boundaryOf(contentTypeHeader: string | undefined, body: Uint8Array): string {
  const m = contentTypeHeader ? /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader) : null;
  if (m) return m[1] ?? m[2]!;
  const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const end = b.indexOf('\r\n');
  if (b[0] === 0x2d && b[1] === 0x2d && end > 2 && end <= 72) return b.subarray(2, end).toString('latin1');
  throw new HttpError(400, 'multipart body has no boundary: send Content-Type multipart/form-data; boundary=...');
}

/** The content of the form field `name`, or a 400 naming what is wrong. */
export function multipartField(body: Uint8Array, boundary: string, name: string): Uint8Array {
  if (boundary.length === 0 || boundary.length > 70) throw new HttpError(400, 'multipart boundary must be 1 to 70 characters');
  const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let at = b.indexOf(delimiter);
  if (at < 0) throw new HttpError(400, 'multipart body does not contain its boundary');
  for (;;) {
    at += delimiter.length;
    if (b[at] === 0x2d && b[at + 1] === 0x2d) break; // closing delimiter
    const headersEnd = b.indexOf(CRLF_CRLF, at);
    if (headersEnd < 0) throw new HttpError(400, 'multipart part without the blank line after its headers');
    const headers = b.subarray(at, headersEnd).toString('latin1');
    const next = b.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd + 4);
    if (next < 0) throw new HttpError(400, 'multipart part is not closed by the boundary');
    const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"/i.exec(headers);
    if (disposition && disposition[1] === name) return body.subarray(headersEnd + 4, next);
    at = next + 2;
  }
  throw new HttpError(400, `multipart body has no "${name}" field: send the capture as the field "${name}"`);
}
