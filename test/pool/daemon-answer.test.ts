/** The verdict table of lib/pool/daemon-answer.ts: every status and code of daemon-protocol.md and of the built-in daemon. */
import { describe, expect, it } from 'vitest';
import { classifyAttempt, countsAgainstDaemon, readDaemonError, type AttemptVerdict } from '../../lib/pool';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const err = (o: Record<string, unknown>) => bytes(JSON.stringify({ error: o }));
const answer = (status: number, body: Uint8Array | string, path: '/compile' | '/decompile' = '/compile') =>
  classifyAttempt({ kind: 'answer', status, body: typeof body === 'string' ? bytes(body) : body }, path);

function inputOf(v: AttemptVerdict) {
  if (v.verdict !== 'input') throw new Error(`expected an input verdict, got ${v.verdict}`);
  return v.error;
}

describe('daemon answers that are verdicts on the input (the daemon stays healthy)', () => {
  it('200 with output is a success; 200 with nothing is "no output"', () => {
    expect(answer(200, bytes('\x00\x01'))).toEqual({ verdict: 'success' });
    expect(inputOf(answer(200, new Uint8Array(0)))).toMatchObject({ class: 'no_output', status: 422 });
  });

  it("the reference's 500 0xfffffffd and the built-in daemon's 422 both mean the input holds no atoms", () => {
    for (const status of [500, 422]) {
      for (const path of ['/compile', '/decompile'] as const) {
        const e = inputOf(answer(status, err({ message: 'Compilation produced no output', code: '0xfffffffd' }), path));
        expect(e).toMatchObject({ class: 'no_output', status: 422, kind: 'No Output', code: '0xfffffffd' });
        expect(e.message).toMatch(path === '/compile' ? /source holds no atoms/ : /stream holds no atoms/);
      }
    }
  });

  it('a compile error keeps the engine message, line, column, context and hint', () => {
    const e = inputOf(
      answer(
        400,
        err({
          message: 'Ada32 error rc=0x3000a (196618): Unrecognized Atom',
          code: '0x3000a',
          line: 3,
          column: 5,
          kind: 'Unrecognized Atom',
          context: ['>>  3 | x'],
          hint: 'check it',
        }),
      ),
    );
    expect(e).toEqual({
      class: 'input',
      status: 400,
      kind: 'Unrecognized Atom',
      message: 'Ada32 error rc=0x3000a (196618): Unrecognized Atom',
      code: '0x3000a',
      line: 3,
      column: 5,
      offset: null,
      context: ['>>  3 | x'],
      hint: 'check it',
      retryAfterSeconds: null,
    });
  });

  it("takes the line from the reference's code and the kind from its message", () => {
    const e = inputOf(answer(400, err({ message: 'Ada32 error rc=0x20008 (131080): Missing Close Bracket', code: '0x20008', kind: 'Unknown' })));
    expect(e).toMatchObject({ line: 2, kind: 'Missing Close Bracket', column: null });
  });

  it("reads the reference's invalid JSON (unescaped quotes in context) as text", () => {
    const body =
      '{"error": {"message": "Ada32 error rc=0x20008 (131080): Missing Close Bracket", "code": "0x20008", "line": 2, "context": [">>  2 |   man_start_object <independent, "x>"]}}';
    const e = inputOf(answer(400, body));
    expect(e).toMatchObject({ line: 2, code: '0x20008', kind: 'Missing Close Bracket' });
    expect(readDaemonError(400, bytes(body)).message).toMatch(/Missing Close Bracket/);
  });

  it('reads the line the context marks when there is none', () => {
    expect(inputOf(answer(400, err({ message: 'bad', context: ['    1 | a', '>>  2 | b'] }))).line).toBe(2);
  });

  it('plain-text 400 "Empty request body", 413, 422 with an offset, 503 time limit', () => {
    expect(inputOf(answer(400, 'Empty request body'))).toMatchObject({ status: 400, message: 'Empty request body', line: null });
    expect(inputOf(answer(413, err({ message: 'Request body exceeds the limit', code: '0xfffffff0', kind: 'Body Too Large' })))).toMatchObject({
      status: 413,
      kind: 'Body Too Large',
    });
    expect(inputOf(answer(422, err({ message: 'Truncated Atom at byte 7', code: '0x40', offset: 7, kind: 'Truncated Atom' }), '/decompile'))).toMatchObject({
      status: 422,
      offset: 7,
      kind: 'Truncated Atom',
    });
    expect(inputOf(answer(503, err({ message: 'Request exceeded the time limit of 10000 ms', code: '0xfffffff2', kind: 'Timeout' })))).toMatchObject({
      status: 422,
      kind: 'Too Costly',
    });
  });
});

describe('daemon answers that prove the daemon or engine failed', () => {
  const cases: [string, AttemptVerdict['verdict'], AttemptVerdict][] = [
    ['500 engine crash (reference)', 'engine_crash', answer(500, err({ message: 'Ada32 crashed: Segmentation fault', code: '0xfffffc18' }))],
    ['500 codec internal error (built-in)', 'engine_crash', answer(500, err({ message: 'AtomForge codec failed: internal error', code: '0xfffffc18' }))],
    ['500 unknown', 'engine_failure', answer(500, 'oops')],
    ['502', 'engine_failure', answer(502, '')],
    ['404 (not a daemon on that port)', 'engine_failure', answer(404, 'Not Found')],
    ['408 body not received in time', 'engine_failure', answer(408, err({ message: 'Request body not received', code: '0xfffffff1' }))],
    ['timeout', 'transport_failure', classifyAttempt({ kind: 'timeout' }, '/compile')],
    ['refused', 'transport_failure', classifyAttempt({ kind: 'refused' }, '/compile')],
    ['reset', 'transport_failure', classifyAttempt({ kind: 'connection', daemonDied: false }, '/compile')],
    ['died during the request', 'engine_crash', classifyAttempt({ kind: 'connection', daemonDied: true }, '/compile')],
  ];
  for (const [name, verdict, v] of cases) {
    it(`${name}: ${verdict}, counted against the daemon`, () => {
      expect(v.verdict).toBe(verdict);
      expect(countsAgainstDaemon(v)).toBe(true);
    });
  }

  it('503 busy or stopping is retried elsewhere without counting against the daemon', () => {
    const v = answer(503, err({ message: 'Daemon busy', code: '0xfffffff4', kind: 'Busy' }));
    expect(v.verdict).toBe('busy');
    expect(countsAgainstDaemon(v)).toBe(false);
  });

  it('no input verdict ever counts against a daemon', () => {
    expect(countsAgainstDaemon(answer(400, 'Empty request body'))).toBe(false);
    expect(countsAgainstDaemon(answer(500, err({ code: '0xfffffffd', message: 'no output' })))).toBe(false);
  });
});
