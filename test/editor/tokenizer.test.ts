/** The editor's tokenizer on every corpus text: no invalid tokens, and the pieces it finds are the text's. */
import { describe, expect, it } from 'vitest';
import { initialState, tokenize, tokenizeLine, type TokenType } from '../../lib/editor/tokenizer';
import { loadWholeCorpus } from '../support/corpus';

const corpus = loadWholeCorpus();

function types(line: string): [TokenType, string][] {
  return tokenizeLine(line, initialState()).map((t) => [t.type, line.slice(t.from, t.to)]);
}

describe('tokenizer on the corpus', () => {
  it('finds no invalid token in any corpus text and covers every non-blank character', () => {
    let lines = 0;
    for (const pair of corpus) {
      const rows = tokenize(pair.text);
      const textLines = pair.text.split('\n');
      const problems: string[] = [];
      rows.forEach((tokens, i) => {
        const line = textLines[i]!;
        let covered = 0;
        for (const t of tokens) {
          if (t.type === 'invalid') problems.push(`${i + 1}:${t.from + 1} ${line.slice(t.from, t.to)}`);
          covered += t.to - t.from;
        }
        // whitespace outside strings is the only thing left out
        const blanks = line.length - covered;
        if (blanks < 0 || line.slice(0, tokens[0]?.from ?? line.length).trim() !== '') problems.push(`${i + 1}: coverage`);
        lines++;
      });
      expect(problems.slice(0, 5), pair.name).toEqual([]);
    }
    expect(lines).toBeGreaterThan(200_000);
  });

  it('ends every corpus text outside any value or string', () => {
    for (const pair of corpus) {
      const state = initialState();
      for (const line of pair.text.split('\n')) tokenizeLine(line, state);
      expect(state.mode === 0 || state.mode === 1, pair.name).toBe(true);
    }
  });
});

describe('tokenizer by hand', () => {
  it('types atoms, brackets, strings, escapes, numbers, hex and names', () => {
    expect(types('man_start_object <trigger, "OK\\r\\x41">')).toEqual([
      ['atom', 'man_start_object'],
      ['bracket', '<'],
      ['name', 'trigger'],
      ['punct', ','],
      ['string', '"'],
      ['string', 'OK'],
      ['escape', '\\r'],
      ['escape', '\\x41'],
      ['string', '"'],
      ['bracket', '>'],
    ]);
    expect(types('mat_art_id <1-0-1283>')).toEqual([
      ['atom', 'mat_art_id'],
      ['bracket', '<'],
      ['number', '1-0-1283'],
      ['bracket', '>'],
    ]);
    expect(types('uni_start_stream <00x>')).toEqual([
      ['atom', 'uni_start_stream'],
      ['bracket', '<'],
      ['hex', '00x'],
      ['bracket', '>'],
    ]);
    expect(types('de_validate <display_msg | terminate>').map((t) => t[0])).toEqual(['atom', 'bracket', 'name', 'punct', 'name', 'bracket']);
    expect(types('; a comment <with> "things"')).toEqual([['comment', '; a comment <with> "things"']]);
  });

  it('marks what the compiler rejects as invalid', () => {
    expect(types('bogus_atom <1>')[0]).toEqual(['invalid', 'bogus_atom']);
    expect(types('>')).toEqual([['invalid', '>']]);
    expect(types('de_data <"bad \\q">').some(([t]) => t === 'invalid')).toBe(true);
  });

  it('follows nested streams and values across lines', () => {
    const rows = tokenize('act_replace_action\n  <\n    uni_start_stream <00x>\n  >\nman_append_data <"two\nlines">\n');
    expect(rows[1]).toEqual([{ from: 2, to: 3, type: 'stream' }]);
    expect(rows[2]!.map((t) => t.type)).toEqual(['atom', 'bracket', 'hex', 'bracket']);
    expect(rows[3]).toEqual([{ from: 2, to: 3, type: 'stream' }]);
    expect(rows[5]!.map((t) => t.type)).toEqual(['string', 'string', 'bracket']);
    // a stream atom whose value is a hex list is a plain value, not a nested stream
    const hexStream = tokenize('act_replace_action <01x, 02x>\nuni_end_stream\n');
    expect(hexStream[0]!.map((t) => t.type)).toEqual(['atom', 'stream', 'hex', 'punct', 'hex', 'bracket']);
    expect(hexStream[1]!.map((t) => t.type)).toEqual(['atom']);
  });

  it('tracks the decompiler level counter and the field being written', () => {
    const s = initialState();
    tokenizeLine('uni_start_stream <00x>', s);
    expect(s.level).toBe(1);
    tokenizeLine('  mat_size <1, 2', s);
    expect([s.mode, s.field, s.atom]).toEqual([2, 1, 'mat_size']);
    tokenizeLine('>', s);
    tokenizeLine('uni_end_stream', s);
    expect(s.level).toBe(0);
  });
});
