/**
 * The CodeMirror side of the FDO language, without a browser (EditorState runs in Node):
 * nested streams and indented blocks fold, < > match as brackets (not inside strings),
 * Enter indents by the decompiler's level counter, and every token gets a class.
 */
import { ensureSyntaxTree, foldable, getIndentation, matchBrackets } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { fdoLanguage } from '../../components/editor/fdo-language';
import { loadCorpus } from '../support/corpus';

const TEXT = [
  'uni_start_stream <00x>', //  1
  '  man_start_object <ind_group, "a > b">', //  2
  '    act_replace_action', //  3
  '      <', //  4
  '        uni_start_stream <00x>', //  5
  '        man_close_update', //  6
  '      >', //  7
  '    mat_size <1, 2>', //  8
  '  man_end_object', //  9
  'uni_end_stream', // 10
  '',
].join('\n');

function stateOf(doc: string): EditorState {
  const state = EditorState.create({ doc, extensions: [fdoLanguage()] });
  ensureSyntaxTree(state, state.doc.length, 5000);
  return state;
}

describe('the FDO language in CodeMirror', () => {
  const state = stateOf(TEXT);
  const line = (n: number) => state.doc.line(n);

  it('folds a nested stream from its < to the matching > and an object to its last child', () => {
    expect(foldable(state, line(4).from, line(4).to)).toEqual({ from: line(4).to, to: line(6).to });
    expect(foldable(state, line(2).from, line(2).to)).toEqual({ from: line(2).to, to: line(8).to });
    expect(foldable(state, line(8).from, line(8).to)).toBeNull();
  });

  it('matches < > of values and of nested streams, but not a > inside a string', () => {
    const lt = line(2).from + line(2).text.indexOf('<');
    const m = matchBrackets(state, lt, 1, { brackets: '<>' })!;
    expect(m.matched).toBe(true);
    expect(m.end!.from).toBe(line(2).from + line(2).text.lastIndexOf('>'));
    const open = line(4).from + line(4).text.indexOf('<');
    const s = matchBrackets(state, open, 1, { brackets: '<>' })!;
    expect(s.matched).toBe(true);
    expect(s.end!.from).toBe(line(7).from + line(7).text.indexOf('>'));
  });

  it('indents a new line by the level counter', () => {
    // after "man_start_object" the level is 2: the next line goes 4 deep
    const after2 = stateOf(TEXT.split('\n').slice(0, 2).join('\n') + '\n');
    expect(getIndentation(after2, after2.doc.length)).toBe(4);
    const afterEnd = stateOf('uni_start_stream <00x>\n  man_start_object <view, "">\n');
    expect(getIndentation(afterEnd, afterEnd.doc.length)).toBe(4);
  });

  it('tokenizes a 50 KB corpus text with no invalid token, every token typed', () => {
    const pair = loadCorpus('extended').find((p) => p.text.length > 40_000 && p.text.length < 80_000)!;
    const s = EditorState.create({ doc: pair.text, extensions: [fdoLanguage()] });
    const tree = ensureSyntaxTree(s, s.doc.length, 10_000)!;
    expect(tree.length).toBe(s.doc.length);
    const names = new Map<string, number>();
    tree.iterate({
      enter(node) {
        if (!node.type.isTop) names.set(node.name, (names.get(node.name) ?? 0) + 1);
      },
    });
    expect(names.has('fdo_invalid')).toBe(false);
    for (const kind of ['fdo_bracket', 'fdo_string', 'fdo_hex', 'fdo_number', 'fdo_name']) expect(names.get(kind), kind).toBeGreaterThan(0);
    const families = [...names.keys()].filter((n) => /^fdo_atom\d+$/.test(n));
    expect(families.length).toBeGreaterThan(3);
  });
});
