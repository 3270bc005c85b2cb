/**
 * The JSON text of one script's frames as /compile-chunk answers them, written straight
 * into bytes: a batch of 100 large replies is ~50,000 frames and a ~58 MB answer, and
 * building it as objects for JSON.stringify (hex, base64 and header fields per frame) cost
 * more than everything else in the request together. The text is exactly what
 * JSON.stringify writes for the same fields (test/web/p3-frame-json.test.ts holds the two
 * side by side). Self-contained and pure (bytes in, bytes out) so that the format workers
 * (p3-format-pool.ts) run the very same code for the parts of a batch at once.
 */
import { chunkScripts, frameTypeName, tokenRule, type ChunkFrame, type ChunkOptions } from '@/lib/p3';

/** A script's share of the three frame lists of the answer, each without brackets. */
export interface ScriptJson {
  /** `chunks`: the payloads in base64, as JSON strings, comma-separated */
  chunks: Uint8Array;
  /** `chunk_info` objects, comma-separated */
  chunkInfo: Uint8Array;
  /** `frames` objects, comma-separated */
  frames: Uint8Array;
  frameCount: number;
  payloadBytes: number;
  continuations: number;
}

export interface ScriptJob {
  fdo: Uint8Array;
  /** the script's place in the batch */
  script: number;
  /** batch index of its first frame */
  firstIndex: number;
  /** the batch's options (tx: the batch's first TX) */
  options: ChunkOptions;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

const B64 = ascii('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const HEX = ascii('0123456789ABCDEF');
const HEX_HI = Uint8Array.from({ length: 256 }, (_, i) => HEX[i >> 4]!);
const HEX_LO = Uint8Array.from({ length: 256 }, (_, i) => HEX[i & 15]!);

/** A byte buffer written front to back; the caller sizes it (an upper bound). */
class Out {
  readonly buf: Uint8Array;
  at = 0;

  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }

  raw(bytes: Uint8Array): void {
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < bytes.length; i++) b[at++] = bytes[i]!;
    this.at = at;
  }

  /** a non-negative integer in decimal */
  int(n: number): void {
    if (n < 10) {
      this.buf[this.at++] = 48 + n;
      return;
    }
    const s = String(n);
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) b[at++] = s.charCodeAt(i);
    this.at = at;
  }

  hex(bytes: Uint8Array): void {
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < bytes.length; i++) {
      const v = bytes[i]!;
      b[at] = HEX_HI[v]!;
      b[at + 1] = HEX_LO[v]!;
      at += 2;
    }
    this.at = at;
  }

  /** n as exactly `digits` upper-case hex digits */
  hexDigits(n: number, digits: number): void {
    for (let d = digits - 1; d >= 0; d--) this.buf[this.at++] = HEX[(n >> (4 * d)) & 15]!;
  }

  base64(bytes: Uint8Array): void {
    const b = this.buf;
    let at = this.at;
    const n = bytes.length;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      b[at] = B64[v >> 18]!;
      b[at + 1] = B64[(v >> 12) & 63]!;
      b[at + 2] = B64[(v >> 6) & 63]!;
      b[at + 3] = B64[v & 63]!;
      at += 4;
    }
    if (i < n) {
      const v = (bytes[i]! << 16) | (i + 1 < n ? bytes[i + 1]! << 8 : 0);
      b[at] = B64[v >> 18]!;
      b[at + 1] = B64[(v >> 12) & 63]!;
      b[at + 2] = i + 1 < n ? B64[(v >> 6) & 63]! : 61;
      b[at + 3] = 61;
      at += 4;
    }
    this.at = at;
  }

  done(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

const base64Size = (n: number) => Math.ceil(n / 3) * 4;

const COMMA = ascii(',');
const QUOTE = ascii('"');
const PIECE = { start: ascii('"start"'), segment: ascii('"segment"'), end: ascii('"end"') };
const K = {
  infoIndex: ascii('{"index":'),
  infoPayload: ascii(',"payload":"'),
  infoHex: ascii('","hex":"'),
  infoSize: ascii('","size":'),
  infoContinuation: ascii(',"is_continuation":'),
  infoSequence: ascii(',"sequence_index":'),
  infoSource: ascii(',"source_index":'),
  close: ascii('}'),
  true: ascii('true'),
  false: ascii('false'),
  frameIndex: ascii('{"index":'),
  frameSource: ascii(',"source_index":'),
  tx: ascii(',"tx":'),
  rx: ascii(',"rx":'),
  type: ascii(',"type":'),
  typeName: ascii(',"type_name":'),
  len: ascii(',"len":'),
  crc: ascii(',"crc":"0x'),
  token: ascii('","token":'),
  streamId: ascii(',"stream_id":'),
  headerSize: ascii(',"header_size":'),
  fdoSize: ascii(',"fdo_size":'),
  frameSize: ascii(',"frame_size":'),
  largeAtom: ascii(',"large_atom":['),
  hex: ascii('],"hex":"'),
  base64: ascii('","base64":"'),
  fieldsCrc: ascii('","fields":{"sync":"0x5A","crc":"0x'),
  fieldsLen: ascii('","len":'),
  fieldsTx: ascii(',"tx":"0x'),
  fieldsRx: ascii('","rx":"0x'),
  fieldsType: ascii('","type":"0x'),
  fieldsEnd: ascii('","terminator":"0x0D"}}'),
};
/** the constant text of one chunk_info / frames entry, plus room for its numbers */
const INFO_FIXED = 160;
const FRAME_FIXED = 600;

const isContinuation = (f: ChunkFrame) => f.largeAtom.length > 0 && f.largeAtom[0] !== 'start';

/** The script's frames (chunkScripts at its place in the batch) as their JSON text. */
export function scriptJson(job: ScriptJob): ScriptJson {
  const { frames } = chunkScripts([job.fdo], job.options, { script: job.script, firstIndex: job.firstIndex });
  const token = job.options.token ?? 'AT';
  const tokenJson = ascii(JSON.stringify(token));
  const headerSize = 2 + tokenRule(token).streamIdBytes;
  const typeNames = new Map<number, Uint8Array>();

  let chunkBytes = 0;
  let infoBytes = 0;
  let frameBytes = 0;
  let payloadBytes = 0;
  for (const f of frames) {
    const p64 = base64Size(f.payload.length);
    chunkBytes += p64 + 3;
    infoBytes += INFO_FIXED + p64 + 2 * f.payload.length;
    frameBytes += FRAME_FIXED + tokenJson.length + 10 * f.largeAtom.length + 2 * f.bytes.length + base64Size(f.bytes.length);
    payloadBytes += f.payload.length;
  }
  const chunks = new Out(chunkBytes);
  const info = new Out(infoBytes);
  const out = new Out(frameBytes);
  let continuations = 0;

  for (let k = 0; k < frames.length; k++) {
    const f = frames[k]!;
    if (k > 0) {
      chunks.raw(COMMA);
      info.raw(COMMA);
      out.raw(COMMA);
    }
    const cont = isContinuation(f);
    if (cont) continuations++;

    chunks.raw(QUOTE);
    chunks.base64(f.payload);
    chunks.raw(QUOTE);

    info.raw(K.infoIndex);
    info.int(f.index);
    info.raw(K.infoPayload);
    info.base64(f.payload);
    info.raw(K.infoHex);
    info.hex(f.payload);
    info.raw(K.infoSize);
    info.int(f.payload.length);
    info.raw(K.infoContinuation);
    info.raw(cont ? K.true : K.false);
    info.raw(K.infoSequence);
    info.int(f.index);
    info.raw(K.infoSource);
    info.int(f.script);
    info.raw(K.close);

    let typeName = typeNames.get(f.type);
    if (!typeName) typeNames.set(f.type, (typeName = ascii(JSON.stringify(frameTypeName(f.type)))));
    out.raw(K.frameIndex);
    out.int(f.index);
    out.raw(K.frameSource);
    out.int(f.script);
    out.raw(K.tx);
    out.int(f.tx);
    out.raw(K.rx);
    out.int(f.rx);
    out.raw(K.type);
    out.int(f.type);
    out.raw(K.typeName);
    out.raw(typeName);
    out.raw(K.len);
    out.int(f.len);
    out.raw(K.crc);
    out.hexDigits(f.crc, 4);
    out.raw(K.token);
    out.raw(tokenJson);
    out.raw(K.streamId);
    out.int(f.streamId);
    out.raw(K.headerSize);
    out.int(headerSize);
    out.raw(K.fdoSize);
    out.int(f.fdo.length);
    out.raw(K.frameSize);
    out.int(f.bytes.length);
    out.raw(K.largeAtom);
    for (let i = 0; i < f.largeAtom.length; i++) {
      if (i > 0) out.raw(COMMA);
      out.raw(PIECE[f.largeAtom[i]!]);
    }
    out.raw(K.hex);
    out.hex(f.bytes);
    out.raw(K.base64);
    out.base64(f.bytes);
    out.raw(K.fieldsCrc);
    out.hexDigits(f.crc, 4);
    out.raw(K.fieldsLen);
    out.int(f.len);
    out.raw(K.fieldsTx);
    out.hexDigits(f.tx, 2);
    out.raw(K.fieldsRx);
    out.hexDigits(f.rx, 2);
    out.raw(K.fieldsType);
    out.hexDigits(f.type, 2);
    out.raw(K.fieldsEnd);
  }
  return { chunks: chunks.done(), chunkInfo: info.done(), frames: out.done(), frameCount: frames.length, payloadBytes, continuations };
}
