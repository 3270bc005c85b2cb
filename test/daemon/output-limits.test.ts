/**
 * The daemon's decompile output limits: options and their environment defaults, and the
 * bounded codec's answers (422 'Output Too Large' for a bomb, real streams untouched).
 */
import { describe, expect, it } from 'vitest';
import { decompileOutputLimit, DEFAULT_DECOMPILE_LIMITS } from '@/lib/config';
import { answer } from '@/server/daemon/answers';
import { boundedCodec } from '@/server/daemon/bounded-codec';
import { outputDefaultsFromEnv, parseOptions, UsageError } from '@/server/daemon/options';
import { loadCorpus } from '../support/corpus';
import { outputBomb } from '../web/output-bomb';

describe('output limit options', () => {
  it('default to 256x the input (at least 1 MiB) and 64 MiB, or the environment', () => {
    expect(parseOptions([])).toMatchObject({ maxOutputRatio: 256, maxOutputBytes: 64 * 1024 * 1024 });
    expect(parseOptions([], outputDefaultsFromEnv({ FDO_DECOMPILE_MAX_RATIO: '32', FDO_DECOMPILE_MAX_OUTPUT: '8388608' }))).toMatchObject({
      maxOutputRatio: 32,
      maxOutputBytes: 8 * 1024 * 1024,
    });
    expect(parseOptions(['--max-output-ratio', '10', '--max-output=2m'], outputDefaultsFromEnv({ FDO_DECOMPILE_MAX_RATIO: '32' }))).toMatchObject({
      maxOutputRatio: 10,
      maxOutputBytes: 2 * 1024 * 1024,
    });
  });

  it('refuse bad values with a usage error naming them', () => {
    expect(() => parseOptions(['--max-output-ratio', '0'])).toThrow(UsageError);
    expect(() => parseOptions(['--max-output', 'lots'])).toThrow(UsageError);
    expect(() => outputDefaultsFromEnv({ FDO_DECOMPILE_MAX_RATIO: '-3' })).toThrow(UsageError);
    expect(() => outputDefaultsFromEnv({ FDO_DECOMPILE_MAX_RATIO: '-3' })).toThrow(/FDO_DECOMPILE_MAX_RATIO/);
    expect(() => outputDefaultsFromEnv({ FDO_DECOMPILE_MAX_OUTPUT: '64mb' })).toThrow(/FDO_DECOMPILE_MAX_OUTPUT/);
  });

  it('compute min(cap, max(1 MiB, ratio x input))', () => {
    const l = { maxOutputRatio: 100, maxOutputBytes: 10 * 1024 * 1024 };
    expect(decompileOutputLimit(l, 10)).toBe(1024 * 1024);
    expect(decompileOutputLimit(l, 50_000)).toBe(5_000_000);
    expect(decompileOutputLimit(l, 1_000_000)).toBe(10 * 1024 * 1024);
  });
});

describe('the bounded codec', () => {
  const codec = boundedCodec(DEFAULT_DECOMPILE_LIMITS);

  it('answers the output bomb 422 Output Too Large with the offset, quickly', () => {
    const { bomb } = outputBomb();
    const t = performance.now();
    const a = answer(codec, 'decompile', bomb);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(a.status).toBe(422);
    const e = JSON.parse(Buffer.from(a.body).toString('utf8')).error;
    expect(e).toMatchObject({ kind: 'Output Too Large', code: '0x42' });
    expect(e.message).toMatch(/longer than \d+ bytes/);
    expect(typeof e.offset).toBe('number');
  });

  it('decompiles every sample and the widest extended stream exactly', () => {
    const pairs = [...loadCorpus('samples'), loadCorpus('extended').find((p) => p.name === 'test_1659')!];
    for (const p of pairs) {
      const a = answer(codec, 'decompile', p.binary);
      expect(a.status, p.name).toBe(200);
      expect(Buffer.from(a.body).toString('latin1')).toBe(p.text);
    }
  });
});
