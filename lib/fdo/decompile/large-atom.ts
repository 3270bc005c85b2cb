/**
 * Large-atom reassembly (spec 2.7): START names the pending atom, SEGMENTs and END add to
 * the payload, END prints the pending atom with the whole payload. The state belongs to one
 * decompile call and spans all nesting levels.
 */
export class LargeAtomAssembly {
  protocol = 0;
  atom = 0;
  private pieces: Uint8Array[] = [];
  private length = 0;

  /**
   * START: its first two data bytes become the pending atom; the payload is kept. false when
   * it has fewer than 2 bytes: it then prints as an ordinary atom and changes nothing.
   */
  start(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start < 2) return false;
    this.protocol = bytes[start];
    this.atom = bytes[start + 1];
    return true;
  }

  append(bytes: Uint8Array, start: number, end: number): void {
    if (start >= end) return;
    this.pieces.push(bytes.subarray(start, end));
    this.length += end - start;
  }

  /** The whole payload; the buffer is emptied, the pending atom kept. */
  take(): Uint8Array {
    const payload = new Uint8Array(this.length);
    let at = 0;
    for (const piece of this.pieces) {
      payload.set(piece, at);
      at += piece.length;
    }
    this.pieces = [];
    this.length = 0;
    return payload;
  }
}
