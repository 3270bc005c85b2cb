/** Character classes for the scanner, indexed by source byte (FDO text is Latin-1). */

export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_QUOTE = 34;
export const CH_PLUS = 43;
export const CH_COMMA = 44;
export const CH_DASH = 45;
export const CH_0 = 48;
export const CH_7 = 55;
export const CH_9 = 57;
export const CH_SEMI = 59;
export const CH_LT = 60;
export const CH_GT = 62;
export const CH_BACKSLASH = 92;
export const CH_UPPER_X = 88;
export const CH_LOWER_X = 120;
export const CH_BAR = 124;

/** Ends a word: whitespace and the punctuation of the value grammar. */
export const DELIMITER = new Uint8Array(256);
for (const c of [CH_TAB, CH_LF, CH_CR, CH_SPACE, CH_LT, CH_GT, CH_COMMA, CH_BAR, CH_QUOTE, CH_SEMI]) {
  DELIMITER[c] = 1;
}

/** Hex digit value, or -1. */
export const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[CH_0 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_VALUE[65 + i] = 10 + i;
  HEX_VALUE[97 + i] = 10 + i;
}

/** ASCII lower case of a code unit (names and keywords are case-insensitive). */
export function lowerCode(c: number): number {
  return c - 65 < 26 && c >= 65 ? c + 32 : c;
}

export function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}
