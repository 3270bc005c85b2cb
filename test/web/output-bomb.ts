/**
 * The decompile output bomb of issue 8: the corpus sample whose indentation rises most
 * per byte, repeated to 217 KB, so each copy prints one level deeper than the one before
 * (its text is hundreds of times its size).
 */
import { decompile } from '@/lib/fdo';
import { loadCorpus } from '../support/corpus';

function repeated(binary: Uint8Array, copies: number): Uint8Array {
  const out = new Uint8Array(binary.length * copies);
  for (let i = 0; i < copies; i++) out.set(binary, i * binary.length);
  return out;
}

/** the bomb and the length of the sample it repeats */
export function outputBomb(bytes = 217_000): { bomb: Uint8Array; unit: number } {
  let best: Uint8Array | null = null;
  let bestRise = 0;
  for (const pair of loadCorpus('samples')) {
    const rise = (decompile(repeated(pair.binary, 2)).length - 2 * pair.text.length) / pair.binary.length;
    if (rise > bestRise) {
      best = pair.binary;
      bestRise = rise;
    }
  }
  if (!best) throw new Error('no unbalanced sample in the corpus');
  return { bomb: repeated(best, Math.ceil(bytes / best.length)), unit: best.length };
}
