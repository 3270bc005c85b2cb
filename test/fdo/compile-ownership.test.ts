/**
 * compile() hands back bytes the caller owns: a fresh array of exactly the binary's length,
 * never a view into a buffer that other results share. compileToPooledView says in its name
 * that it may return such a view; its bytes are the same.
 */
import { describe, expect, it } from 'vitest';
import { compile, compileToPooledView, compileWithMap } from '@/lib/fdo';
import { loadCorpus } from '../support/corpus';

const pairs = loadCorpus('samples');

function ownsItsBuffer(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length && !Buffer.isBuffer(bytes);
}

describe('compile output ownership', () => {
  it('has samples to check', () => {
    expect(pairs.length).toBeGreaterThan(3);
  });

  it('compile returns an array that owns exactly its bytes, from text and from bytes', () => {
    for (const p of pairs) {
      for (const source of [p.text, Buffer.from(p.text, 'latin1')]) {
        const out = compile(source);
        expect(ownsItsBuffer(out), p.name).toBe(true);
        expect(Buffer.from(out).equals(Buffer.from(p.binary)), p.name).toBe(true);
      }
    }
  });

  it('two results never share memory: writing one leaves the other intact', () => {
    const a = compile(pairs[0]!.text);
    const b = compile(pairs[1]!.text);
    expect(a.buffer).not.toBe(b.buffer);
    a.fill(0);
    expect(Buffer.from(b).equals(Buffer.from(pairs[1]!.binary))).toBe(true);
  });

  it('compileWithMap returns owned bytes too', () => {
    const { bytes } = compileWithMap(pairs[0]!.text);
    expect(ownsItsBuffer(bytes)).toBe(true);
  });

  it('compileToPooledView gives the same bytes, which may share a pooled buffer', () => {
    let shared = 0;
    for (const p of pairs) {
      const view = compileToPooledView(p.text);
      expect(Buffer.from(view).equals(Buffer.from(p.binary)), p.name).toBe(true);
      if (view.buffer.byteLength > view.length) shared++;
    }
    // Small outputs come from Node's Buffer pool: the reason the owned form exists.
    expect(shared).toBeGreaterThan(0);
  });
});
