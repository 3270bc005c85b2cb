/**
 * P3 framing of FDO streams (../shared/docs/p3-framing.md): frames, the token table, the
 * chunker, reassembly, capture reading and DOD facts. Pure: bytes and strings in and out.
 */
export { crc16arc } from './crc';
export { toHex, fromHex, toBase64 } from './hex';
export { isSequence, nextSequence, SEQ_MIN, SEQ_MAX } from './sequence';
export { TOKEN_RULES, DEFAULT_TOKEN_RULE, tokenRule, isToken, maxStreamId } from './tokens';
export type { TokenRule, TokenKind } from './tokens';
export { FRAME_TYPES, TYPE_DATA, CLIENT_BIT, MIN_FRAME_BYTES, frameTypeName } from './frame-types';
export { buildFrame, sealFrame, parseFrame, parseFrames } from './frame';
export type { FrameFields, ParsedFrame, FrameList } from './frame';
export { decodePayload, payloadHeader } from './payload';
export type { DataPayload, StreamIdOrder } from './payload';
export { scanAtoms } from './atoms';
export type { ScannedAtom, AtomScan } from './atoms';
export { chunkScripts, countScriptFrames, sequenceAfter, DEFAULT_BUDGET, MIN_BUDGET, MAX_BUDGET } from './chunk';
export type { ChunkOptions, ChunkFrame, ChunkResult, LargePieceKind, ScriptPosition } from './chunk';
export { joinLargeAtoms } from './reassemble';
export type { JoinResult } from './reassemble';
export { encodeAtom } from './large-atom';
export { readCapture, DEFAULT_CAPTURE_LIMITS } from './capture';
export type { CaptureRecord, CaptureFormat, CaptureLimits, Direction, HexDecoder } from './capture';
export { decodeCapture, decodeFrameTable, captureLimits, DEFAULT_MAX_STREAMS, DEFAULT_MAX_FAILURES } from './decode';
export { readFrameTable, joinFrameTables, linePieces } from './frame-table';
export type { FrameTable } from './frame-table';
export type { DecodeOptions, CaptureReport, StreamReport, GidRequest, CaptureFrame } from './decode';
export { dodFacts } from './dod';
export type { DodFacts, ArtHeader } from './dod';
export { formatGid } from './gid';
export { P3Error } from './errors';
export type { P3Failure, P3Check, ChunkErrorKind } from './errors';
export { frameRecord, captureTimestamp, streamTitle, streamFileName } from './records';
export type { FrameRecord } from './records';
export type { ScriptReport } from './decode';
