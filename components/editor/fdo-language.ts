/**
 * The FDO language for CodeMirror: the pure tokenizer of lib/editor adapted to a
 * StreamLanguage, tags for every token kind (atom names one of twelve family colours),
 * indentation by the decompiler's level counter, and folding of nested streams and of
 * indented blocks. Colours live in editor.css as classes, so light and dark follow the
 * page's `dark` class and nothing needs inline styles.
 */
import { foldService, HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from '@codemirror/language';
import type { EditorState, Extension } from '@codemirror/state';
import { Tag } from '@lezer/highlight';
import { FAMILY_COLOURS, familyColour, findAtom } from '@/lib/editor/atom-info';
import { copyState, initialState, readToken, tokenizeLine, type TokenState, type TokenType } from '@/lib/editor/tokenizer';

const TOKEN_TAGS: Record<string, Tag> = {};
for (const kind of ['comment', 'string', 'escape', 'number', 'hex', 'name', 'bracket', 'stream', 'punct', 'invalid', 'atomRef']) {
  TOKEN_TAGS[`fdo_${kind}`] = Tag.define();
}
for (let i = 0; i < FAMILY_COLOURS; i++) TOKEN_TAGS[`fdo_atom${i}`] = Tag.define();

function styleOf(type: TokenType, word: string, state: TokenState): string {
  if (type === 'atom') {
    // an atom named inside a value (an atom-type argument) is a reference, not a statement
    if (state.mode === 2) return 'fdo_atomRef';
    return `fdo_atom${familyColour(word)}`;
  }
  return `fdo_${type}`;
}

const parser = StreamLanguage.define<TokenState>({
  name: 'fdo',
  startState: initialState,
  copyState,
  token(stream: StringStream, state: TokenState) {
    const from = stream.pos;
    const t = readToken(stream.string, from, state);
    stream.pos = Math.max(t.to, from + 1);
    if (t.type === null) return null;
    return styleOf(t.type, stream.string.slice(from, t.to), state);
  },
  indent(state: TokenState, textAfter: string) {
    // the decompiler's layout: two spaces a level; an outdent atom steps back first
    const first = /^\s*([^\s<>,|";]+)/.exec(textAfter)?.[1];
    let level = state.level;
    if (first && findAtom(first)?.outdent && level > 0) level--;
    return Math.max(0, level) * 2;
  },
  tokenTable: TOKEN_TAGS,
  languageData: { commentTokens: { line: ';' }, closeBrackets: { brackets: ['<', '"'] } },
});

const highlight = HighlightStyle.define(Object.entries(TOKEN_TAGS).map(([name, tag]) => ({ tag, class: `cm-${name.replace('_', '-')}` })));

/** Leading spaces of a line (the decompiler indents with spaces only). */
function indentOf(text: string): number {
  let n = 0;
  while (n < text.length && text.charCodeAt(n) === 32) n++;
  return n === text.length ? -1 : n;
}

/**
 * Folds a nested stream from its `<` line to the matching `>`, and otherwise any line
 * followed by more deeply indented lines (an object and its children).
 */
const folding = foldService.of((state: EditorState, lineStart: number) => {
  const line = state.doc.lineAt(lineStart);
  const doc = state.doc;
  if (line.text.trim() === '<') {
    const s = { ...initialState(), mode: 0, depth: 1 } as TokenState;
    for (let n = line.number + 1; n <= Math.min(doc.lines, line.number + 20_000); n++) {
      const l = doc.line(n);
      tokenizeLine(l.text, s);
      if (s.depth === 0) return n === line.number + 1 ? null : { from: line.to, to: doc.line(n - 1).to };
    }
    return null;
  }
  const own = indentOf(line.text);
  if (own < 0 || line.number >= doc.lines) return null;
  let last = line.number;
  for (let n = line.number + 1; n <= Math.min(doc.lines, line.number + 20_000); n++) {
    const ind = indentOf(doc.line(n).text);
    if (ind < 0) continue;
    if (ind <= own) break;
    last = n;
  }
  return last > line.number ? { from: line.to, to: doc.line(last).to } : null;
});

export function fdoLanguage(): Extension {
  return [parser, syntaxHighlighting(highlight), folding];
}
