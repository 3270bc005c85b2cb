/** The playground's hex dump and hex paste parsing. */
import { describe, expect, it } from 'vitest';
import { firstDifference, hexRows, offsetOf, parseHex } from '@/lib/ui/hex';

describe('hexRows', () => {
  it('shows offset, hex and ASCII, 16 bytes a row', () => {
    const bytes = Uint8Array.from([...Array(20).keys()].map((i) => 0x41 + i));
    const rows = hexRows(bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.offset).toBe('00000000');
    expect(rows[0]!.hex).toBe('41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50');
    expect(rows[0]!.ascii).toBe('ABCDEFGHIJKLMNOP');
    expect(rows[1]!.offset).toBe('00000010');
    expect(rows[1]!.ascii).toBe('QRST');
    expect(hexRows(Uint8Array.from([0, 0x7f, 0xff]))[0]!.ascii).toBe('...');
  });
});

describe('parseHex', () => {
  it('reads spaced, compact, 0x-prefixed and dumped hex', () => {
    const want = Uint8Array.from([0x00, 0x01, 0xab, 0xff]);
    for (const text of ['00 01 ab ff', '0001abff', '0x00, 0x01, 0xAB, 0xFF', '00000000  00 01 ab ff                                       |....|']) {
      const r = parseHex(text);
      expect('bytes' in r && r.bytes).toEqual(want);
    }
  });

  it('says what is wrong', () => {
    expect(parseHex('00 0g')).toEqual({ error: 'line 1: "g" is not a hex digit' });
    expect(parseHex('00 1')).toEqual({ error: 'line 1: "1" has an odd number of hex digits' });
    expect(parseHex('  ')).toEqual({ error: 'no hex bytes found' });
  });
});

describe('firstDifference and offsetOf', () => {
  it('finds the first differing byte', () => {
    expect(firstDifference(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBeNull();
    expect(firstDifference(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 9, 3))).toBe(1);
    expect(firstDifference(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(2);
  });

  it('maps a line and column to a character offset', () => {
    const text = 'ab\ncdef\ng';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 2, 3)).toBe(5);
    expect(offsetOf(text, 2, 99)).toBe(7);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });
});
