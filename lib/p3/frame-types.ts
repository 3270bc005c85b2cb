/** P3 frame TYPE values (low 7 bits) and the layout constants of §1. */

export const SYNC = 0x5a;
export const TERMINATOR = 0x0d;
/** sync + CRC + LEN before TX; the terminator after the payload */
export const HEADER_BYTES = 8;
export const MIN_FRAME_BYTES = 9;
/** LEN counts TX, RX and TYPE besides the payload */
export const LEN_OVERHEAD = 3;
export const MAX_LEN = 0xffff;
/** TYPE bit 7: the frame went from the client to the host */
export const CLIENT_BIT = 0x80;

export const FRAME_TYPES: Readonly<Record<number, string>> = {
  0x20: 'DATA',
  0x21: 'SS',
  0x22: 'SSR',
  0x23: 'INIT',
  0x24: 'ACK',
  0x25: 'NAK',
  0x26: 'HEARTBEAT',
};

export const TYPE_DATA = 0x20;

export function frameTypeName(type: number): string {
  return FRAME_TYPES[type & 0x7f] ?? `UNKNOWN_${(type & 0x7f).toString(16).toUpperCase().padStart(2, '0')}`;
}
