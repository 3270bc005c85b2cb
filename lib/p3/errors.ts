/**
 * Failures of P3 framing as typed values: which check failed and where (byte offset in the
 * buffer, and the capture line when the bytes came from a capture file). Parsing reports
 * them as values; building (chunking) throws P3Error, since a bad request cannot be framed.
 */

export type P3Check =
  | 'sync' // first byte is not 0x5A
  | 'short' // fewer bytes than the smallest frame (9) or than LEN announces
  | 'length' // LEN below 3 (no room for TX, RX, TYPE)
  | 'terminator' // the byte after the payload is not 0x0D
  | 'crc' // stored CRC differs from CRC-16/ARC over LEN..payload
  | 'payload' // DATA payload too short for its token and stream id
  | 'atom' // an atom runs past the end of the reassembled stream
  | 'large-atom' // a large-atom sequence that does not close or does not add up
  | 'line' // a capture line that is neither a frame record nor hex
  | 'limit'; // more input than the reader accepts

export interface P3Failure {
  check: P3Check;
  message: string;
  /** byte offset in the buffer that was being read (a frame, a line's bytes or a stream) */
  offset: number;
  /** 1-based capture line, when the bytes came from a capture */
  line?: number;
  /** 0-based index of the frame in the capture, when one frame is concerned */
  frame?: number;
}

export type ChunkErrorKind =
  'Bad Token' | 'Bad Stream Id' | 'Bad Budget' | 'Bad Sequence' | 'Bad Type' | 'Not Full Style' | 'Truncated Atom' | 'Atom Too Large';

/** Why a stream could not be chunked; `offset` is the byte of the compiled stream concerned. */
export class P3Error extends Error {
  readonly kind: ChunkErrorKind;
  readonly offset?: number;
  /** 0-based index of the source in the batch */
  readonly script?: number;

  constructor(kind: ChunkErrorKind, message: string, offset?: number, script?: number) {
    super(message);
    this.name = 'P3Error';
    this.kind = kind;
    this.offset = offset;
    this.script = script;
  }

  toJSON(): { kind: ChunkErrorKind; message: string; offset?: number; script?: number } {
    return { kind: this.kind, message: this.message, offset: this.offset, script: this.script };
  }
}
