/** P3 sequence numbers: 0x10..0x7F, wrapping 0x7F -> 0x10. */

export const SEQ_MIN = 0x10;
export const SEQ_MAX = 0x7f;

export function isSequence(n: number): boolean {
  return Number.isInteger(n) && n >= SEQ_MIN && n <= SEQ_MAX;
}

/** The sequence number after n. */
export function nextSequence(n: number): number {
  return n >= SEQ_MAX ? SEQ_MIN : n + 1;
}
