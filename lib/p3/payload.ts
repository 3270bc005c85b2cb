/**
 * A DATA frame's payload (p3-framing.md §2): token, big-endian stream id sized by the
 * token, then FDO; or, for `f2`, a GID request. Also the inverse for the chunker.
 */
import type { P3Failure } from './errors';
import { GID_REQUEST_BYTES, tokenRule, type TokenKind } from './tokens';
import { formatGid } from './gid';

export interface DataPayload {
  token: string;
  kind: TokenKind;
  /** null for tokens without a stream id */
  streamId: number | null;
  streamIdBytes: number;
  /** the FDO bytes (empty for GID requests) */
  fdo: Uint8Array;
  /** GID requests: the requested GID as t-s-i */
  gid?: string;
}

export type StreamIdOrder = 'big' | 'little';

function readId(b: Uint8Array, at: number, n: number, order: StreamIdOrder): number {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[at + (order === 'big' ? i : n - 1 - i)]!;
  return v;
}

/** Decodes a DATA payload; `offset` of a failure is relative to the payload's first byte. */
export function decodePayload(payload: Uint8Array, order: StreamIdOrder = 'big'): { data: DataPayload } | { failure: P3Failure } {
  if (payload.length < 2)
    return { failure: { check: 'payload', offset: 0, message: `a DATA payload of ${payload.length} bytes has no room for its 2-byte token` } };
  const token = String.fromCharCode(payload[0]!, payload[1]!);
  const rule = tokenRule(token);
  if (rule.kind === 'gid') {
    if (payload.length !== 2 + GID_REQUEST_BYTES) {
      return {
        failure: {
          check: 'payload',
          offset: 2,
          message: `a ${token} payload holds a ${GID_REQUEST_BYTES}-byte GID; this one has ${payload.length - 2} bytes after the token`,
        },
      };
    }
    const gidBytes = payload.subarray(2);
    return { data: { token, kind: 'gid', streamId: null, streamIdBytes: 0, fdo: payload.subarray(payload.length), gid: formatGid(gidBytes) } };
  }
  const n = rule.streamIdBytes;
  if (payload.length < 2 + n) {
    return {
      failure: {
        check: 'payload',
        offset: 2,
        message: `token ${JSON.stringify(token)} needs a ${n}-byte stream id; the payload has ${payload.length - 2} bytes after the token`,
      },
    };
  }
  return {
    data: {
      token,
      kind: 'fdo',
      streamIdBytes: n,
      streamId: n === 0 ? null : readId(payload, 2, n, order),
      fdo: payload.subarray(2 + n),
    },
  };
}

/** token + stream id (big-endian unless asked otherwise), the bytes every DATA frame of a stream starts with. */
export function payloadHeader(token: string, streamId: number, order: StreamIdOrder = 'big'): Uint8Array {
  const n = tokenRule(token).streamIdBytes;
  const out = new Uint8Array(2 + n);
  out[0] = token.charCodeAt(0);
  out[1] = token.charCodeAt(1);
  let v = streamId;
  for (let i = 0; i < n; i++) {
    out[order === 'big' ? 2 + n - 1 - i : 2 + i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}
