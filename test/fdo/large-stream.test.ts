import { describe, expect, it } from 'vitest';
import { compile, decompile } from '@/lib/fdo';
import { loadWholeCorpus } from '../support/corpus';
import { buildLargeSource } from '../support/large-stream';

describe('large streams', () => {
  it('a stream of more than 2 MB decompiles and compiles back byte-exact', () => {
    const source = buildLargeSource(loadWholeCorpus(), 12_000_000);
    const binary = compile(source);
    expect(binary.length).toBeGreaterThanOrEqual(2_000_000);

    const text = decompile(binary);
    const again = compile(text);
    expect(again.length).toBe(binary.length);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(binary))).toBe(0);
    expect(decompile(again)).toBe(text);
  });

  it('data longer than 32,767 bytes is written in the large-atom form and read back as one atom', () => {
    const payload = 'a'.repeat(70_000);
    const binary = compile(`man_append_data <"${payload}">\n`);
    // START [01 14], SEGMENT of 32,767 twice, END of the remaining 4,466 bytes
    expect(Array.from(binary.subarray(0, 5))).toEqual([0x00, 0x04, 0x02, 0x01, 0x14]);
    expect(Array.from(binary.subarray(5, 9))).toEqual([0x00, 0x05, 0xff, 0xff]);
    expect(decompile(binary)).toBe(`man_append_data <"${payload}">\n`);
  });
});
