/**
 * The codec as the daemon serves it: decompile's text is bounded relative to its input
 * (a ratio, never below a floor) and absolutely, checked by the codec while it writes the
 * text, so an output bomb costs at most the limit and answers 422 'Output Too Large'.
 */
import { decompileOutputLimit, DEFAULT_DECOMPILE_LIMITS, type DecompileLimits } from '@/lib/config/decompile-limits';
import { compile, decompile } from '@/lib/fdo';
import type { Codec } from './answers';

export type OutputLimits = DecompileLimits;

export function boundedCodec(limits: OutputLimits = DEFAULT_DECOMPILE_LIMITS): Codec {
  return {
    compile: (source) => compile(source),
    decompile: (bytes) => decompile(bytes, { maxTextBytes: decompileOutputLimit(limits, bytes.byteLength) }),
  };
}
