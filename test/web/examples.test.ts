/** The example forms are real FDO: each compiles with the codec and prints back exactly as written. */
import { describe, expect, it } from 'vitest';
import { compile, decompile } from '@/lib/fdo';
import { EXAMPLES, findExample } from '@/lib/examples';

describe('example forms', () => {
  it('have unique ids, titles and descriptions', () => {
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(6);
    for (const e of EXAMPLES) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.description.length).toBeGreaterThan(0);
      expect(findExample(e.id)).toBe(e);
    }
  });

  for (const e of EXAMPLES) {
    it(`${e.id} round-trips: decompile(compile(source)) === source`, () => {
      const binary = compile(e.source);
      expect(binary.length).toBeGreaterThan(10);
      expect(decompile(binary)).toBe(e.source);
    });
  }
});
