/** GIDs as FDO text prints them (fdo-format.md 4.5): 4 bytes t-s-i, 3 bytes t-i, else the value. */

export function formatGid(b: Uint8Array): string {
  if (b.length === 4) return `${b[0]}-${b[1]}-${(b[2]! << 8) | b[3]!}`;
  if (b.length === 3) return `${b[0]}-${(b[1]! << 8) | b[2]!}`;
  if (b.length === 1) return String(b[0]);
  if (b.length === 2) return String((b[0]! << 8) | b[1]!);
  return Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0') + 'x').join(', ');
}

/** An unsigned big-endian integer of up to 4 bytes (dword atoms). */
export function readUnsigned(b: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < b.length && i < 4; i++) v = v * 256 + b[i]!;
  return v;
}
