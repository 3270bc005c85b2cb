/**
 * POST /detect-fdo: what a buffer of P3 frames holds. The original's request
 * ({p3_frame: base64}) and response shape, done right: big-endian stream id, CRC, LEN and
 * terminator checked and reported, `f2` reported as a GID request, and every frame of the
 * buffer reported (the top-level fields describe the first frame). Also takes the raw
 * bytes as application/octet-stream.
 */
import { crc16arc, decodePayload, frameTypeName, parseFrames, toBase64, toHex, type DataPayload, type P3Failure, type ParsedFrame } from '@/lib/p3';
import { decodeBase64 } from './encoding';
import { HttpError, jsonAnswer, parseJsonObject, type Answer } from './http';
import type { P3Request } from './p3-common';
import { MAX_DETECT_FRAMES } from './p3-limits';
import { jsonShapeScan } from './json-scan';

async function readFrames(request: P3Request): Promise<Uint8Array> {
  if (request.contentType === 'application/json') {
    const body = parseJsonObject(await request.body(jsonShapeScan()));
    if (typeof body.p3_frame !== 'string') throw new HttpError(400, 'JSON body needs a "p3_frame" string holding the frame(s) in base64');
    try {
      return decodeBase64(body.p3_frame);
    } catch {
      throw new HttpError(400, '"p3_frame" is not valid base64');
    }
  }
  if (request.contentType === 'application/octet-stream') return request.body();
  throw new HttpError(
    415,
    `unsupported Content-Type "${request.contentType}" for /detect-fdo: send application/json ({"p3_frame": "<base64>"}) or application/octet-stream`,
  );
}

function p3Metadata(f: ParsedFrame) {
  return {
    packet_type: f.typeName,
    packet_type_value: f.type & 0x7f,
    type_byte: f.type,
    tx_seq: f.tx,
    rx_seq: f.rx,
    data_length: f.payload.length,
    len: f.len,
    frame_size: f.bytes.length,
    client_packet: f.client,
    crc: `0x${f.crc.toString(16).toUpperCase().padStart(4, '0')}`,
    crc_valid: true,
    len_valid: true,
    terminator_valid: true,
    offset: f.offset,
  };
}

function fdoMetadata(d: DataPayload, payloadSize: number) {
  return {
    token: d.token,
    kind: d.kind,
    stream_id: d.streamId,
    stream_id_hex:
      d.streamId === null
        ? null
        : d.streamId
            .toString(16)
            .toUpperCase()
            .padStart(d.streamIdBytes * 2, '0'),
    stream_id_bytes: d.streamIdBytes,
    header_size: 2 + d.streamIdBytes,
    fdo_size: d.fdo.length,
    total_payload_size: payloadSize,
    gid: d.gid ?? null,
  };
}

interface FrameReport {
  valid: boolean;
  p3_metadata: ReturnType<typeof p3Metadata> & { crc_computed: string };
  fdo_detected: boolean;
  fdo_metadata: ReturnType<typeof fdoMetadata> | null;
  gid_request: { gid: string } | null;
  fdo_data: string | null;
  hex: string;
  error: string | null;
  summary: string;
}

/** A frame whose only fault is its CRC, read without that check so its fields can be shown. */
function crcFailedFrame(bytes: Uint8Array, start: number): ParsedFrame & { computed: number } {
  const len = (bytes[start + 3]! << 8) | bytes[start + 4]!;
  const end = start + len + 5;
  const type = bytes[start + 7]!;
  return {
    offset: start,
    bytes: bytes.subarray(start, end + 1),
    len,
    crc: (bytes[start + 1]! << 8) | bytes[start + 2]!,
    tx: bytes[start + 5]!,
    rx: bytes[start + 6]!,
    type,
    typeName: frameTypeName(type),
    client: (type & 0x80) !== 0,
    payload: bytes.subarray(start + 8, end),
    computed: crc16arc(bytes, start + 3, end),
  };
}

function report(f: ParsedFrame, crcComputed?: number): FrameReport {
  const header = p3Metadata(f);
  if (crcComputed !== undefined) {
    const r = report(f);
    const error = `CRC 0x${f.crc.toString(16).toUpperCase().padStart(4, '0')} does not match 0x${crcComputed.toString(16).toUpperCase().padStart(4, '0')} computed over LEN..payload`;
    return {
      ...r,
      valid: false,
      p3_metadata: { ...header, crc_valid: false, crc_computed: `0x${crcComputed.toString(16).toUpperCase().padStart(4, '0')}` },
      error,
      summary: `bad CRC: ${r.summary}`,
    };
  }
  const base = { valid: true, p3_metadata: { ...header, crc_computed: header.crc }, hex: toHex(f.bytes) };
  if ((f.type & 0x7f) !== 0x20) {
    return {
      ...base,
      fdo_detected: false,
      fdo_metadata: null,
      gid_request: null,
      fdo_data: null,
      error: null,
      summary: `${f.typeName} frame (control, no payload), tx 0x${f.tx.toString(16).toUpperCase()} rx 0x${f.rx.toString(16).toUpperCase()}`,
    };
  }
  const p = decodePayload(f.payload);
  if ('failure' in p) {
    return {
      ...base,
      valid: false,
      fdo_detected: false,
      fdo_metadata: null,
      gid_request: null,
      fdo_data: null,
      error: p.failure.message,
      summary: `DATA frame with a bad payload: ${p.failure.message}`,
    };
  }
  const d = p.data;
  const meta = fdoMetadata(d, f.payload.length);
  if (d.kind === 'gid') {
    return {
      ...base,
      fdo_detected: false,
      fdo_metadata: meta,
      gid_request: { gid: d.gid! },
      fdo_data: null,
      error: null,
      summary: `${d.token} GID request for ${d.gid}`,
    };
  }
  const id = meta.stream_id_hex === null ? 'no stream id' : `stream 0x${meta.stream_id_hex}`;
  return {
    ...base,
    fdo_detected: d.fdo.length > 0,
    fdo_metadata: meta,
    gid_request: null,
    fdo_data: toBase64(d.fdo),
    error: null,
    summary: `DATA ${f.client ? 'client->host' : 'host->client'} ${d.token} ${id}: ${d.fdo.length} FDO bytes, tx 0x${f.tx.toString(16).toUpperCase()} rx 0x${f.rx.toString(16).toUpperCase()}`,
  };
}

function failureJson(f: P3Failure) {
  return { check: f.check, offset: f.offset, message: f.message };
}

export async function handleDetectFdo(request: P3Request): Promise<Answer> {
  const bytes = await readFrames(request);
  if (bytes.length === 0) throw new HttpError(400, 'the frame is empty');
  const list = parseFrames(bytes, MAX_DETECT_FRAMES);
  const all: { offset: number; frame: ParsedFrame; computed?: number }[] = list.frames.map((frame) => ({ offset: frame.offset, frame }));
  for (const f of list.failures) {
    if (f.check === 'crc') {
      const frame = crcFailedFrame(bytes, f.offset - 1);
      all.push({ offset: frame.offset, frame, computed: frame.computed });
    }
  }
  all.sort((a, b) => a.offset - b.offset);
  const frames = all.slice(0, MAX_DETECT_FRAMES).map((x) => report(x.frame, x.computed));
  const first = frames[0];
  const firstFailure = list.failures[0];
  const valid = list.failureCount === 0 && frames.length > 0 && frames.every((f) => f.valid);
  return jsonAnswer({
    success: true,
    fdo_detected: first?.fdo_detected ?? false,
    p3_frame_valid: valid,
    error: firstFailure ? `${firstFailure.check}: ${firstFailure.message}` : (first?.error ?? null),
    p3_metadata: first?.p3_metadata ?? null,
    fdo_metadata: first?.fdo_metadata ?? null,
    fdo_data: first?.fdo_data ?? null,
    gid_request: first?.gid_request ?? null,
    summary:
      frames.length === 0
        ? `no valid frame in ${bytes.length} bytes: ${firstFailure?.message ?? 'nothing to read'}`
        : `${all.length} frame(s), ${list.failureCount} failure(s); first: ${first!.summary}`,
    frame_count: all.length,
    frames,
    frames_listed: frames.length,
    failures: list.failures.map(failureJson),
    failure_count: list.failureCount,
  });
}
