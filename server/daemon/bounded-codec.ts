/**
 * The codec as the daemon serves it: decompile's text is bounded relative to its input
 * (a ratio, never below a floor) and absolutely, checked by the codec while it writes the
 * text, so an output bomb costs at most the limit and answers 422 'Output Too Large'.
 */
import { decompileOutputLimit, DEFAULT_DECOMPILE_LIMITS, type DecompileLimits } from '@/lib/config/decompile-limits';
import { compile, compileToPooledView, decompile } from '@/lib/fdo';
import type { Codec } from './answers';
import { reclaimSoon } from './reclaim';

const isOutputTooLarge = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { kind?: unknown }).kind === 'Output Too Large';

export type OutputLimits = DecompileLimits;

/**
 * `pooled`: compile into a view of the shared output pool. Only the main thread asks for it:
 * it writes each answer out at once, while a worker's result must own its buffer to be
 * transferred.
 */
export function boundedCodec(limits: OutputLimits = DEFAULT_DECOMPILE_LIMITS, pooled = false): Codec {
  return {
    compile: pooled ? (source) => compileToPooledView(source) : (source) => compile(source),
    decompile: (bytes) => {
      try {
        return decompile(bytes, { maxTextBytes: decompileOutputLimit(limits, bytes.byteLength) });
      } catch (err) {
        // the text written up to the limit is garbage now: have it collected (reclaim.ts)
        if (isOutputTooLarge(err)) reclaimSoon();
        throw err;
      }
    },
  };
}
