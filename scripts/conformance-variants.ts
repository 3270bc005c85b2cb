/**
 * Hand-written variants of canonical FDO texts for the differential harness
 * (scripts/conformance.ts): the forms people type that the decompiler never prints —
 * re-indented lines, tabs, CRLF or CR line ends, blanks inside `< >`, upper-case names and
 * keywords, comments, and numbers in hexadecimal, decimal or octal (spec 8.2-8.6).
 * Pure and deterministic: the same texts and seed give the same variants.
 */
import { atomByName } from '../lib/fdo/tables';

// a run is reproducible from its seed: the repository's one seeded PRNG
import { seededRandom } from '../test/support/random';

export { seededRandom };

type Random = () => number;

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const chance = (rand: Random, p: number): boolean => rand() < p;

export const VARIANT_KINDS = ['reindent', 'tabs', 'crlf', 'blanks', 'upper-names', 'upper-keywords', 'comments', 'numbers'] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

/** Every comment the generator inserts starts with this, so a test can find them again. */
export const COMMENT_MARKER = 'conformance note';

export interface TextVariant {
  /** where it came from and which variant it is: `SET/NAME#N` */
  name: string;
  /** the variant text (Latin-1, one character per byte) */
  source: string;
  kinds: VariantKind[];
  /**
   * false when the variant deliberately means other bytes than the text it came from: it
   * holds inserted comments (each an atom, 8.3) or a lone enum number rewritten in 0x form
   * (written at the table size instead of in the fewest bytes, 5.5)
   */
  sameBytes: boolean;
}

export interface SourceText {
  name: string;
  text: string;
}

interface Line {
  indent: string;
  /** `open` `<`, `close` `>`, `comment` `;…`, `bare` name alone, `valued` name <value> */
  kind: 'open' | 'close' | 'comment' | 'bare' | 'valued' | 'blank';
  name: string;
  /** between name and `<` */
  gap: string;
  /** the text between `<` and the last `>` of the line */
  value: string;
  /** after the value's `>`: a trailing comment */
  tail: string;
}

function parseLine(raw: string): Line {
  const body = raw.replace(/^[ \t]+/, '');
  const indent = raw.slice(0, raw.length - body.length);
  const line: Line = { indent, kind: 'blank', name: '', gap: '', value: '', tail: '' };
  if (body === '') return line;
  if (body === '<') return { ...line, kind: 'open' };
  if (body === '>') return { ...line, kind: 'close' };
  if (body.startsWith(';')) return { ...line, kind: 'comment', value: body };
  const lt = body.indexOf(' <');
  if (lt < 0 || !body.endsWith('>')) return { ...line, kind: 'bare', name: body };
  return { ...line, kind: 'valued', name: body.slice(0, lt), gap: ' ', value: body.slice(lt + 2, -1) };
}

function printLine(line: Line): string {
  switch (line.kind) {
    case 'blank':
      return line.indent;
    case 'open':
      return `${line.indent}<`;
    case 'close':
      return `${line.indent}>`;
    case 'comment':
      return `${line.indent}${line.value}`;
    case 'bare':
      return `${line.indent}${line.name}`;
    case 'valued':
      return `${line.indent}${line.name}${line.gap}<${line.value}>${line.tail}`;
  }
}

/** Applies fn to the parts of a value outside quoted strings (strings hold `\"` escapes). */
function outsideQuotes(value: string, fn: (part: string) => string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const q = value.indexOf('"', i);
    if (q < 0) {
      out += fn(value.slice(i));
      break;
    }
    out += fn(value.slice(i, q));
    let j = q + 1;
    while (j < value.length && value[j] !== '"') j += value[j] === '\\' ? 2 : 1;
    out += value.slice(q, j + 1);
    i = j + 1;
  }
  return out;
}

/** A number in another notation of 8.4 with the same value: 0x hex (either case) or 0-prefixed octal. */
function renotate(rand: Random, n: number, allowOctal = true): string {
  if (allowOctal && n > 0 && chance(rand, 0.4)) return `0${n.toString(8)}`;
  const digits = n.toString(16);
  return chance(rand, 0.3) ? `0X${digits.toUpperCase()}` : `0x${digits}`;
}

const HEX_ITEM_LIST = /^[0-9a-f]{2}x(, [0-9a-f]{2}x)*$/;
/** A decimal number as the decompiler prints it (a leading 0 would be octal on compile) */
const DECIMAL = /^(0|[1-9]\d*)$/;

/** What a number rewrite did to one line: nothing, the same bytes, or (0x enum) other bytes. */
type Rewrite = 'none' | 'same' | 'other';

/** Rewrites the numbers of one valued line in other notations, by the atom's type. */
function rewriteNumbers(rand: Random, line: Line): Rewrite {
  if (line.name === 'the_unknown') {
    const items = line.value.split(', ');
    const out = items.map((item, k) => {
      if (k < 2 && DECIMAL.test(item)) return chance(rand, 0.5) ? renotate(rand, Number(item)) : item;
      if (k >= 2 && /^[0-9a-f]{2}x$/.test(item) && chance(rand, 0.5)) return String(parseInt(item, 16));
      return item;
    });
    line.value = out.join(', ');
    return 'same';
  }
  const def = atomByName(line.name);
  if (def === undefined) return 'none';
  const value = line.value;
  switch (def.type) {
    case 'dword':
    case 'byte':
    case 'word':
      if (!DECIMAL.test(value)) return 'none';
      line.value = renotate(rand, Number(value));
      return 'same';
    case 'gid': {
      const parts = value.split('-');
      if (parts.length < 2 || !parts.every((p) => DECIMAL.test(p))) return 'none';
      line.value = parts.map((p) => (chance(rand, 0.5) ? renotate(rand, Number(p)) : p)).join('-');
      return 'same';
    }
    case 'raw':
    case 'ignore':
      if (!HEX_ITEM_LIST.test(value)) return 'none';
      line.value = value
        .split(', ')
        .map((item) => {
          if (!chance(rand, 0.5)) return item;
          const n = parseInt(item, 16);
          return chance(rand, 0.5) ? String(n) : renotate(rand, n);
        })
        .join(', ');
      return 'same';
    case 'enum': {
      const table = def.enums[0];
      if (table === undefined) return 'none';
      if (DECIMAL.test(value)) {
        const n = Number(value);
        // a lone 0x number is written at the table size: only values that fit it (5.5)
        if (n >= 2 ** (8 * table.size)) return 'none';
        const fewest = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
        line.value = renotate(rand, n, false);
        return fewest === table.size ? 'same' : 'other';
      }
      // numbers inside a union: the union is written at the table size whatever the notation
      if (!value.includes(' | ')) return 'none';
      line.value = value
        .split(' | ')
        .map((p) => (DECIMAL.test(p) && chance(rand, 0.6) ? renotate(rand, Number(p)) : p))
        .join(' | ');
      return 'same';
    }
    default:
      return 'none';
  }
}

const COMMA_FORMS = [',', ' ,', ',  ', ' , ', '\t,', ',\t', ', '];
const BAR_FORMS = ['|', ' |', '| ', '  |  ', '\t|\t', ' | '];
const EDGE_BLANKS = ['', ' ', '  ', '\t', ' \t '];
const GAPS = ['', ' ', '  ', '\t'];

function applyKind(rand: Random, kind: VariantKind, lines: Line[], state: { sameBytes: boolean; notes: number }): Line[] {
  switch (kind) {
    case 'reindent': {
      const out: Line[] = [];
      for (const line of lines) {
        if (chance(rand, 0.05)) out.push(parseLine(pick(rand, ['', '   ', ' \t '])));
        out.push({ ...line, indent: ' '.repeat(Math.floor(rand() * 9)) });
      }
      return out;
    }
    case 'tabs':
      return lines.map((line) => ({
        ...line,
        indent: '\t'.repeat(Math.floor(rand() * 4)) + (chance(rand, 0.2) ? ' ' : ''),
        gap: line.kind === 'valued' && chance(rand, 0.5) ? '\t' : line.gap,
      }));
    case 'crlf':
      return lines; // line ends are chosen when the text is joined
    case 'blanks':
      return lines.map((line) => {
        if (line.kind !== 'valued') return line;
        const inner = outsideQuotes(line.value, (part) =>
          part.replace(/\s*,\s*/g, () => pick(rand, COMMA_FORMS)).replace(/\s*\|\s*/g, () => pick(rand, BAR_FORMS)),
        );
        return { ...line, gap: pick(rand, GAPS), value: pick(rand, EDGE_BLANKS) + inner + pick(rand, EDGE_BLANKS) };
      });
    case 'upper-names':
      return lines.map((line) => (line.kind === 'valued' || line.kind === 'bare' ? { ...line, name: line.name.toUpperCase() } : line));
    case 'upper-keywords':
      return lines.map((line) => {
        if (line.kind !== 'valued') return line;
        return { ...line, value: outsideQuotes(line.value, (part) => part.replace(/[a-z_][a-z0-9_]*/g, (w) => w.toUpperCase())) };
      });
    case 'comments': {
      const out: Line[] = [];
      for (const line of lines) {
        if ((line.kind === 'valued' || line.kind === 'bare') && chance(rand, 0.08)) {
          out.push({ indent: line.indent, kind: 'comment', name: '', gap: '', value: `; ${COMMENT_MARKER} ${++state.notes}`, tail: '' });
          state.sameBytes = false;
        }
        if (line.kind === 'valued' && chance(rand, 0.04)) {
          out.push({ ...line, tail: ` ; ${COMMENT_MARKER} ${++state.notes}` });
          state.sameBytes = false;
        } else {
          out.push(line);
        }
      }
      return out;
    }
    case 'numbers':
      return lines.map((line) => {
        if (line.kind !== 'valued' || !chance(rand, 0.5)) return line;
        const copy = { ...line };
        if (rewriteNumbers(rand, copy) === 'other') state.sameBytes = false;
        return copy;
      });
  }
}

/** One variant of `source` with one to three kinds of change. */
export function makeVariant(rand: Random, source: SourceText, index: number): TextVariant {
  const count = 1 + Math.floor(rand() * 3);
  const kinds: VariantKind[] = [];
  while (kinds.length < count) {
    const kind = pick(rand, VARIANT_KINDS);
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  kinds.sort((a, b) => VARIANT_KINDS.indexOf(a) - VARIANT_KINDS.indexOf(b));
  const rawLines = source.text.split('\n');
  const endsWithNewline = rawLines[rawLines.length - 1] === '';
  if (endsWithNewline) rawLines.pop();
  let lines = rawLines.map(parseLine);
  const state = { sameBytes: true, notes: 0 };
  for (const kind of kinds) lines = applyKind(rand, kind, lines, state);
  const eol = kinds.includes('crlf') ? (chance(rand, 0.2) ? '\r' : '\r\n') : '\n';
  const text = lines.map(printLine).join(eol) + (endsWithNewline && chance(rand, 0.9) ? eol : '');
  return { name: `${source.name}#${index}`, source: text, kinds, sameBytes: state.sameBytes };
}

/** `count` variants of the given texts, cycling through them in a seeded random order. */
export function textVariants(sources: readonly SourceText[], seed: number, count: number): TextVariant[] {
  const rand = seededRandom(seed);
  const out: TextVariant[] = [];
  for (let i = 0; i < count && sources.length > 0; i++) {
    out.push(makeVariant(rand, sources[Math.floor(rand() * sources.length)], i));
  }
  return out;
}
