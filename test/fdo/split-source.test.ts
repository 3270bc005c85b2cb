/** Cutting source text between top-level atoms: the parts compile to the whole's bytes. */
import { describe, expect, it } from 'vitest';
import { FdoError, compile, splitSource } from '@/lib/fdo';
import { loadCorpus } from '../support/corpus';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const concat = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

function checkParts(source: Uint8Array, target: number) {
  const parts = splitSource(source, target);
  expect(parts[0]!.start).toBe(0);
  expect(parts.at(-1)!.end).toBe(source.length);
  for (let i = 1; i < parts.length; i++) expect(parts[i]!.start).toBe(parts[i - 1]!.end);
  const whole = compile(source);
  const pieces = parts.map((p) => compile(source.subarray(p.start, p.end)));
  expect(Buffer.from(concat(pieces)).equals(Buffer.from(whole))).toBe(true);
  // each part's first line number is right
  const text = Buffer.from(source).toString('latin1');
  for (const p of parts) expect(text.slice(0, p.start).split(/\r\n|\r|\n/).length).toBe(p.line);
  return parts;
}

describe('splitSource', () => {
  const corpus = [...loadCorpus('samples'), ...loadCorpus('generated')];

  it('parts of every corpus text compile to the whole text bytes, at several part sizes', () => {
    let cuts = 0;
    for (const pair of corpus) {
      for (const target of [1, 200, 4096]) cuts += checkParts(bytes(pair.text), target).length - 1;
    }
    expect(cuts).toBeGreaterThan(10_000);
  });

  it('a large source made of many forms cuts into parts of about the target size', () => {
    const big = bytes(corpus.map((p) => p.text).join(''));
    const parts = checkParts(big, 64 * 1024);
    expect(parts.length).toBeGreaterThan(big.length / (128 * 1024));
    expect(splitSource(big, 64 * 1024, 4)).toHaveLength(4);
  });

  it('never cuts between a name and a value on the next line, inside a string, a comment or a nested stream', () => {
    const src =
      'uni_start_stream\n<00x>\nman_set_context_relative <"a\nb">\n; c <\nact_replace_action\n<\n  uni_start_stream\n  uni_end_stream\n>\nuni_end_stream\n';
    const parts = checkParts(bytes(src), 1);
    expect(parts.map((p) => src.slice(p.start, p.end))).toEqual([
      'uni_start_stream\n<00x>\n',
      'man_set_context_relative <"a\nb">\n',
      '; c <\n',
      'act_replace_action\n<\n  uni_start_stream\n  uni_end_stream\n>\n',
      'uni_end_stream\n',
    ]);
  });

  it('handles CR and CRLF line ends and keeps blank lines with the part before', () => {
    const src = 'uni_start_stream <00x>\r\n\r\n  \r\nuni_end_stream\rmat_size <1, 2, 3>';
    const parts = checkParts(bytes(src), 1);
    expect(parts.map((p) => p.line)).toEqual([1, 4, 5]);
  });

  it('does not cut an unbalanced input, so its error is the one a single compile reports', () => {
    const src = 'uni_start_stream\n>\nuni_end_stream\nuni_end_stream\n';
    expect(splitSource(bytes(src), 1)).toEqual([{ start: 0, end: src.length, line: 1 }]);
    expect(() => compile(bytes(src))).toThrow(FdoError);
  });
});
