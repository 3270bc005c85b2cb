/**
 * The FDO91 codec: compile(source) -> bytes, decompile(bytes) -> text. Pure functions;
 * text is Latin-1 (one character per byte). Every failure is an FdoError.
 */
export { compile, compileToPooledView } from './compile';
export { compileWithMap } from './compile/source-map';
export type { CompiledWithMap, MappedAtom, ByteSpan } from './compile/source-map';
export { decompile } from './decompile';
export { FdoError, FDO_ERROR_KINDS, DECOMPILE_ERROR_KINDS } from './errors';
export type { FdoErrorKind, FdoErrorDetails } from './errors';
export type { DecompileOptions } from './decompile';
export { latin1ToBytes, bytesToLatin1 } from './latin1';
export { splitSource } from './compile/split-source';
export type { SourcePart } from './compile/split-source';
