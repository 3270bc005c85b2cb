/**
 * Templates: FDO text with {{NAME}} placeholders, filled by the typed conventions hosts
 * use (p3-framing.md §7), chosen by the value's type and the variable's name, first rule
 * that applies:
 *   - a byte array           → 00x,01x,…            (lower-case hex, as the decompiler writes bytes)
 *   - a name ending _DATA    → <48x, 65x, …>        (upper-case hex pairs, brackets included),
 *                              \r\n\r\n and \n\n becoming 7F 7F and \n becoming 7F first
 *   - a name containing _FDO → the value as it is  (FDO text)
 *   - any other name         → `"` as \x22, each raw CR and LF as a space
 * Text in and out is Latin-1 (one character per byte). Pure: strings in, strings out.
 */
import { LibraryError } from './errors';
import { MAX_SOURCE_BYTES } from './limits';
import { checkVariables, type VariableValue, type Variables } from './variables';

export type Variant = 'default' | 'bw';

export interface RenderOptions {
  /** output larger than this is refused (a value used many times can multiply the input) */
  maxOutputBytes?: number;
}

export interface RenderResult {
  /** the rendered FDO text, Latin-1 */
  output: string;
  /** placeholders filled, in order of first use */
  used: string[];
  /** variables given but not used by the template */
  unused: string[];
}

/** the placeholder syntax: {{NAME}}, spaces allowed inside the braces */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function hex2(b: number, upper: boolean): string {
  const h = b.toString(16).padStart(2, '0');
  return upper ? h.toUpperCase() : h;
}

/** a byte array as FDO byte items */
export function renderBytes(bytes: readonly number[]): string {
  return bytes.map((b) => `${hex2(b, false)}x`).join(',');
}

/** a _DATA value: line breaks as 0x7F, then every byte as an upper-case hex pair */
export function renderData(text: string): string {
  const marked = text.replace(/\r\n\r\n|\n\n/g, '\x7f\x7f').replace(/\n/g, '\x7f');
  const pairs: string[] = [];
  for (let i = 0; i < marked.length; i++) pairs.push(`${hex2(marked.charCodeAt(i), true)}x`);
  return `<${pairs.join(', ')}>`;
}

/** any other name: safe inside an FDO string */
export function renderText(text: string): string {
  return text.replace(/"/g, '\\x22').replace(/[\r\n]/g, ' ');
}

export function renderValue(name: string, value: VariableValue): string {
  if (Array.isArray(value)) return renderBytes(value);
  if (name.endsWith('_DATA')) return renderData(value);
  if (name.includes('_FDO')) return value;
  return renderText(value);
}

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** whether a text has a placeholder: the scan ends at the first (the playground asks on every keystroke) */
export function hasPlaceholders(source: string): boolean {
  return source.matchAll(PLACEHOLDER).next().done !== true;
}

/** the placeholders of a template, in order of first use */
export function placeholders(source: string): string[] {
  const seen = new Set<string>();
  for (const m of source.matchAll(PLACEHOLDER)) seen.add(m[1]!);
  return [...seen];
}

/**
 * Fills every placeholder. A placeholder without a variable is a LibraryError naming the
 * variable and its line (the first such; `missing` lists them all in the message).
 */
export function renderTemplate(source: string, variables: Variables | Record<string, unknown>, options: RenderOptions = {}): RenderResult {
  const values = checkVariables(variables);
  const max = options.maxOutputBytes ?? MAX_SOURCE_BYTES;
  const missing: { name: string; line: number }[] = [];
  for (const m of source.matchAll(PLACEHOLDER)) {
    if (!Object.prototype.hasOwnProperty.call(values, m[1]!) && !missing.some((x) => x.name === m[1]))
      missing.push({ name: m[1]!, line: lineAt(source, m.index!) });
  }
  if (missing.length > 0) {
    const first = missing[0]!;
    const others =
      missing.length > 1
        ? ` (also missing: ${missing
            .slice(1)
            .map((x) => `${x.name} at line ${x.line}`)
            .join(', ')})`
        : '';
    throw new LibraryError('invalid', `the template needs variable ${first.name} at line ${first.line}${others}`, 'variables', null, first.line);
  }
  const rendered = new Map<string, string>();
  const used: string[] = [];
  const parts: string[] = [];
  let size = 0;
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    let text = rendered.get(name);
    if (text === undefined) {
      text = renderValue(name, values[name]!);
      rendered.set(name, text);
      used.push(name);
    }
    const literal = source.slice(last, m.index);
    size += literal.length + text.length;
    if (size > max)
      throw new LibraryError(
        'too-large',
        `the rendered form would be larger than the ${max / (1024 * 1024)} MB limit`,
        'variables',
        null,
        lineAt(source, m.index!),
      );
    parts.push(literal, text);
    last = m.index! + m[0].length;
  }
  parts.push(source.slice(last));
  if (size + source.length - last > max)
    throw new LibraryError('too-large', `the rendered form would be larger than the ${max / (1024 * 1024)} MB limit`, 'variables');
  return { output: parts.join(''), used, unused: Object.keys(values).filter((n) => !rendered.has(n)) };
}

/**
 * The name of a form's variant: "x" → "x.bw" for low-colour clients (stored as
 * x.bw.fdo.txt), and back. A name already ending .bw is its own bw variant.
 */
export function variantName(name: string, variant: Variant): string {
  const base = name.endsWith('.bw') ? name.slice(0, -3) : name;
  return variant === 'bw' ? `${base}.bw` : base;
}
