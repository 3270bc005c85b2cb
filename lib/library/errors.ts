/**
 * Every refusal of the library is a LibraryError: a kind the web tier maps to a status
 * (invalid → 400, not-found → 404, name-taken and conflict → 409, too-large → 413) and a
 * message naming the field. A conflict carries both versions so the editor can show them.
 */
import type { FormVersion } from './types';

export type LibraryErrorKind = 'invalid' | 'not-found' | 'name-taken' | 'conflict' | 'too-large';

export interface ConflictDetail {
  /** the version the editor started from */
  base: number;
  /** the newest version in the store */
  current: FormVersion;
  /** the version the editor tried to save (not stored) */
  attempted: { source: string; message: string | null };
}

/**
 * The repository lives on globalThis and is opened by the server bundle (dist/web-server.js)
 * while Next's route bundles carry their own copy of this class, so `instanceof` checks a
 * brand shared through the global symbol registry rather than one module's prototype.
 */
const LIBRARY_ERROR_BRAND = Symbol.for('atomforge.library.error');

export class LibraryError extends Error {
  readonly [LIBRARY_ERROR_BRAND] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [LIBRARY_ERROR_BRAND]?: unknown })[LIBRARY_ERROR_BRAND] === true;
  }

  constructor(
    readonly kind: LibraryErrorKind,
    message: string,
    /** the input field at fault, when there is one */
    readonly field: string | null = null,
    readonly conflict: ConflictDetail | null = null,
    /** 1-based line in a template or source, when the problem is there */
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'LibraryError';
  }
}
