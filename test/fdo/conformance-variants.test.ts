/**
 * The differential harness's generators (scripts/conformance-variants.ts and
 * conformance-mutants.ts): deterministic from a seed, and the hand-written variants mean
 * what the corpus text means — with our codec they compile to the corpus binary, or, where
 * the variant deliberately changes the bytes (comments, 0x enum numbers), to bytes that
 * decompile to the corpus text plus the inserted comments.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '@/lib/fdo/compile';
import { decompile } from '@/lib/fdo/decompile';
import { binaryMutants } from '../../scripts/conformance-mutants';
import { COMMENT_MARKER, textVariants, VARIANT_KINDS } from '../../scripts/conformance-variants';
import { loadWholeCorpus } from '../support/corpus';

const corpus = loadWholeCorpus();
const byName = new Map(corpus.map((p) => [`${p.set}/${p.name}`, p]));
const texts = corpus.map((p) => ({ name: `${p.set}/${p.name}`, text: p.text }));

const withoutInsertedComments = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith(`; ${COMMENT_MARKER}`))
    .join('\n');

describe('text variants', () => {
  const variants = textVariants(texts, 13, 800);

  it('are deterministic from the seed', () => {
    expect(textVariants(texts, 13, 800)).toEqual(variants);
    const other = textVariants(texts, 14, 800);
    expect(other.map((v) => v.source)).not.toEqual(variants.map((v) => v.source));
  });

  it('use every kind of hand-written change, and really change the text', () => {
    for (const kind of VARIANT_KINDS)
      expect(
        variants.some((v) => v.kinds.includes(kind)),
        kind,
      ).toBe(true);
    const unchanged = variants.filter((v) => v.source === byName.get(v.name.split('#')[0])?.text);
    // only a variant whose one change found nothing to change (no number, say) may be equal
    expect(unchanged.length).toBeLessThan(variants.length / 20);
  });

  it('compile with our codec to the corpus bytes, or to what decompiles to the corpus text', () => {
    const failures: string[] = [];
    let sameBytes = 0;
    for (const v of variants) {
      const pair = byName.get(v.name.split('#')[0]);
      if (pair === undefined) throw new Error(`no corpus pair for ${v.name}`);
      let binary: Uint8Array;
      try {
        binary = compile(v.source).slice();
      } catch (error) {
        failures.push(`${v.name} [${v.kinds.join(', ')}]: ${(error as Error).message}`);
        continue;
      }
      if (v.sameBytes) {
        sameBytes++;
        if (!Buffer.from(binary).equals(Buffer.from(pair.binary))) failures.push(`${v.name} [${v.kinds.join(', ')}]: other bytes`);
      } else if (withoutInsertedComments(decompile(binary)) !== pair.text) {
        failures.push(`${v.name} [${v.kinds.join(', ')}]: other text`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(sameBytes).toBeGreaterThan(variants.length / 2);
  });
});

describe('binary mutants', () => {
  it('are deterministic from the seed and differ from their source', () => {
    const binaries = corpus.slice(0, 300).map((p) => ({ name: `${p.set}/${p.name}`, binary: p.binary }));
    const mutants = binaryMutants(binaries, 5, 200);
    expect(mutants.length).toBe(200);
    expect(binaryMutants(binaries, 5, 200)).toEqual(mutants);
    for (const m of mutants) {
      const source = byName.get(m.name.split('~')[0]);
      expect(m.edits.length).toBeGreaterThan(0);
      expect(Buffer.from(m.binary).equals(Buffer.from(source?.binary ?? new Uint8Array(0))), m.name).toBe(false);
    }
  });
});
