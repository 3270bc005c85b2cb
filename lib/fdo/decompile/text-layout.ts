/**
 * The text being written and its one level counter, shared by every nesting depth
 * (spec 3.2, 3.3). One per decompile call.
 */
import { FdoError } from '../errors';
import { indentOf } from './text-pieces';

/**
 * A text longer than this is refused: the indentation of a long run of `indent` atoms grows
 * without bound (quadratic in the input), and would otherwise exhaust memory.
 */
export const MAX_TEXT_LENGTH = 256 * 1024 * 1024;

/**
 * Lines are appended to a short chunk; full chunks are flattened and set aside. A text built
 * as one long rope of millions of pieces spends most of its time in the garbage collector.
 */
const CHUNK_LENGTH = 64 * 1024;

export class TextLayout {
  level = 0;
  private chunk = '';
  private chunks: string[] = [];
  private length = 0;

  /** One line at the current level (column 0 when the level is 0 or negative). */
  line(content: string): void {
    this.chunk += indentOf(this.level) + content + '\n';
    if (this.chunk.length > CHUNK_LENGTH) this.setChunkAside();
  }

  /** A line at column 0 whatever the level (unknown atoms). */
  column0(content: string): void {
    this.chunk += content + '\n';
    if (this.chunk.length > CHUNK_LENGTH) this.setChunkAside();
  }

  /** The whole text. */
  text(): string {
    if (this.chunks.length === 0) return this.chunk;
    this.chunks.push(this.chunk);
    this.chunk = '';
    return this.chunks.join('');
  }

  private setChunkAside(): void {
    const chunk = this.chunk;
    this.length += chunk.length;
    if (this.length > MAX_TEXT_LENGTH) this.tooLarge();
    chunk.charCodeAt(0); // flattens the rope while its pieces are still young garbage
    this.chunks.push(chunk);
    this.chunk = '';
  }

  /** `outdent` flag: down one level, never below 0. */
  outdent(): void {
    if (this.level > 0) this.level--;
  }

  indent(): void {
    this.level++;
  }

  /** `>` then down one level without the clamp: the level may go negative (3.3 step 6). */
  closeStream(): void {
    this.line('>');
    this.level--;
  }

  private tooLarge(): never {
    throw new FdoError({
      kind: 'Input Too Large',
      message: `Input Too Large: the decompiled text would be longer than ${MAX_TEXT_LENGTH} characters`,
    });
  }
}
