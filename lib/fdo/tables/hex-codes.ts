/** The ASCII codes of the lower-case hex digits, by digit value (0-15): how the decompiler prints hex. */
export const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
