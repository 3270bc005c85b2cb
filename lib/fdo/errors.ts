/**
 * Every failure of the codec is an FdoError: a kind (the reference engine's error names,
 * so the two engines' errors compare), a message, and where it happened — line, column and
 * the surrounding source lines for compile errors, the byte offset for decompile errors.
 */

/** Compile error kinds, with the reference engine's error codes (spec 8.7). */
export const COMPILE_ERROR_CODES = {
  'Missing Quote': 0x06,
  'Missing Open Bracket': 0x07,
  'Missing Close Bracket': 0x08,
  'Unrecognized Atom': 0x0a,
  'Bad Boolean Format': 0x0c,
  'Bad Orientation Format': 0x0d,
  'Bad Object Name Format': 0x0e,
  'Bad Alert Name Format': 0x0f,
  'Bad Number Format': 0x10,
  'Bad Letter Format': 0x11,
  'Bad Global ID Format': 0x14,
  'Bad Byte Format': 0x15,
  'Bad Hex Format': 0x16,
  'Unrecognized Enum': 0x17,
  'Value Too Large': 0x18,
  'Bad Escape Sequence': 0x1a,
} as const;

export type CompileErrorKind = keyof typeof COMPILE_ERROR_CODES;

/**
 * Decompile error kinds (no reference equivalent: the reference reads memory instead).
 * 'Output Too Large': the text passed the caller's `maxTextBytes` while being produced.
 */
export const DECOMPILE_ERROR_KINDS = ['Truncated Atom', 'Output Too Large'] as const;

export type DecompileErrorKind = (typeof DECOMPILE_ERROR_KINDS)[number];

/**
 * Kinds either direction can raise: input beyond what fits in memory, 'Invalid Input' for an
 * argument of the wrong type (a caller's mistake, not a fault in the text), and
 * 'Internal Error', which wraps an unexpected exception (a bug) so callers only ever see FdoError.
 */
export const SHARED_ERROR_KINDS = ['Input Too Large', 'Invalid Input', 'Internal Error'] as const;

export type SharedErrorKind = (typeof SHARED_ERROR_KINDS)[number];

export type FdoErrorKind = CompileErrorKind | DecompileErrorKind | SharedErrorKind;

/** Every kind an FdoError can have, for callers that map kinds to codes or check coverage. */
export const FDO_ERROR_KINDS: readonly FdoErrorKind[] = [
  ...(Object.keys(COMPILE_ERROR_CODES) as CompileErrorKind[]),
  ...DECOMPILE_ERROR_KINDS,
  ...SHARED_ERROR_KINDS,
];

export interface FdoErrorDetails {
  kind: FdoErrorKind;
  message: string;
  /** 1-based source line (compile errors) */
  line?: number;
  /** 1-based source column (compile errors) */
  column?: number;
  /** up to two lines before and after the failing line, `>>` marking it: ">>  2 | text" */
  context?: string[];
  hint?: string;
  /** byte offset of the failing atom (decompile errors) */
  offset?: number;
}

const HINTS: Partial<Record<FdoErrorKind, string>> = {
  'Unrecognized Atom': 'the first word here is not an atom name; check its spelling, or write the_unknown <protocol, atom, ...>.',
  'Missing Quote': 'string values are written in double quotes; check for an unmatched quote on this line.',
  'Missing Close Bracket': 'a value opened with < is not closed with >, has too many items, or a string is not terminated.',
  'Missing Open Bracket': 'a value must be written between < and >.',
  'Bad Escape Sequence': 'strings accept \\n \\r \\t \\" \\\\ and \\xHH only.',
  'Bad Number Format': 'numbers are decimal, 0x hexadecimal or 0-prefixed octal, from -2147483648 to 4294967295.',
  'Truncated Atom': 'the binary ends inside this atom: it was cut short or is not an FDO91 stream.',
  'Input Too Large': 'split the input into smaller streams.',
  'Output Too Large': 'the text this binary decompiles to is far larger than the binary; it is refused as a likely output bomb.',
  'Internal Error': 'this is a bug in AtomForge; please report it with the input.',
};

export class FdoError extends Error {
  readonly kind: FdoErrorKind;
  readonly line?: number;
  readonly column?: number;
  readonly context?: string[];
  readonly hint: string;
  readonly offset?: number;

  constructor(details: FdoErrorDetails) {
    super(details.message);
    this.name = 'FdoError';
    this.kind = details.kind;
    this.line = details.line;
    this.column = details.column;
    this.context = details.context;
    this.offset = details.offset;
    this.hint = details.hint ?? HINTS[details.kind] ?? 'check the FDO source syntax.';
  }

  /** The reference engine's numeric error code for compile errors (line << 16 | code), else undefined. */
  get referenceCode(): number | undefined {
    const code = (COMPILE_ERROR_CODES as Record<string, number>)[this.kind];
    if (code === undefined) return undefined;
    return (((this.line ?? 0) << 16) | code) >>> 0;
  }

  toJSON(): FdoErrorDetails {
    return {
      kind: this.kind,
      message: this.message,
      line: this.line,
      column: this.column,
      context: this.context,
      hint: this.hint,
      offset: this.offset,
    };
  }
}

/** The reference layout of source context: marker, line number right-aligned in 3, " | ", text. */
export function sourceContext(lines: readonly string[], line: number): string[] {
  const out: string[] = [];
  for (let n = Math.max(1, line - 2); n <= Math.min(lines.length, line + 2); n++) {
    out.push(`${n === line ? '>>' : '  '}${String(n).padStart(3)} | ${lines[n - 1]}`);
  }
  return out;
}
