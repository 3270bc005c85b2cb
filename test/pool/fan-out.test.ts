/** A large compile spread over several daemons: the same bytes as one compile, errors at the right line, a killed daemon changes nothing. */
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../lib/fdo';
import { planFanOut, shiftLines } from '../../lib/pool';
import { loadCorpus } from '../support/corpus';
import { startTestService, type Started } from '../web/support';

let running: Started | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

/** corpus texts joined until the source is at least `bytes` long */
function bigSource(bytes: number): Buffer {
  const texts: string[] = [];
  let n = 0;
  for (const pair of [...loadCorpus('extended'), ...loadCorpus('samples')]) {
    texts.push(pair.text);
    n += pair.text.length;
    if (n >= bytes) break;
  }
  return Buffer.from(texts.join(''), 'latin1');
}

describe('fan-out policy', () => {
  it('fans out only large sources on a pool, two parts per daemon, never parts under 64 KiB', () => {
    expect(planFanOut(100_000, 262_144, 3)).toBeNull();
    expect(planFanOut(5_000_000, 262_144, 1)).toBeNull();
    expect(planFanOut(5_000_000, 0, 3)).toBeNull();
    expect(planFanOut(6_000_000, 262_144, 3)).toEqual({ partBytes: 1_000_000, maxParts: 64, concurrency: 3 });
    expect(planFanOut(300_000, 262_144, 5)).toEqual({ partBytes: 65_536, maxParts: 64, concurrency: 5 });
  });

  it('moves a part error and its context to the line it has in the whole source', () => {
    const e = { line: 2, context: ['    1 | a', '>>  2 | b', '    3 | c'], kind: 'x' };
    expect(shiftLines(e, 101)).toEqual({ line: 102, context: ['    101 | a', '>>  102 | b', '    103 | c'], kind: 'x' });
    expect(shiftLines(e, 1)).toBe(e);
  });
});

describe('fan-out through a pool of 3 built-in daemons', () => {
  it('a 5 MB source compiles to the single-compile bytes on several daemons, even with a daemon killed midway', async () => {
    running = await startTestService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '3', FDO_DAEMON_RESTART_DELAY: '0.2' });
    const { service } = running;
    const source = bigSource(5 * 1024 * 1024);
    const expected = Buffer.from(compile(source));
    const quiet = await service.compile(source);
    expect(quiet.error).toBeNull();
    expect(Buffer.from(quiet.body).equals(expected)).toBe(true);
    expect(Number(quiet.headers['X-Fan-Out-Parts'])).toBeGreaterThanOrEqual(4);
    expect(quiet.daemonId!.split(',').length).toBeGreaterThanOrEqual(2);

    const victim = service.poolHealth().instances[1]!;
    const pending = service.compile(source);
    setTimeout(() => process.kill(victim.pid!, 'SIGKILL'), 30);
    const r = await pending;
    expect(r.error).toBeNull();
    expect(Buffer.from(r.body).equals(expected)).toBe(true);
  }, 60_000);

  it('an error in a late part is reported at its line in the whole source, like one compile', async () => {
    running = await startTestService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '3' });
    const good = bigSource(2 * 1024 * 1024).toString('latin1');
    const lines = good.split('\n');
    const at = Math.floor(lines.length * 0.8);
    lines.splice(at, 0, 'no_such_atom_here <1>');
    const source = Buffer.from(lines.join('\n'), 'latin1');
    const r = await running.service.compile(source);
    let single: { line?: number; column?: number; kind?: string } = {};
    try {
      compile(source);
    } catch (err) {
      single = err as typeof single;
    }
    expect(single.line).toBe(at + 1);
    expect(r.error).toMatchObject({ class: 'input', status: 400, line: single.line, column: single.column, kind: single.kind });
    expect(r.error!.context.some((l) => l.startsWith(`>>`) && l.includes(String(at + 1)))).toBe(true);
  }, 60_000);
});
