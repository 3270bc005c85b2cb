/** Normalizing daemon errors, including the reference daemon's unescaped JSON. */
import { describe, expect, it } from 'vitest';
import { latin1ToBytes } from '@/lib/fdo/latin1';
import { normalizeDaemonError } from '@/server/web/daemon-error';

describe('normalizeDaemonError', () => {
  it('keeps every field of a well-formed daemon error', () => {
    const body = JSON.stringify({ error: { message: 'Unrecognized Atom', code: '0x3000a', line: 3, column: 5, kind: 'Unrecognized Atom', context: ['>>  3 | x'], hint: 'check it' } });
    const r = normalizeDaemonError(latin1ToBytes(body), 400);
    expect(r).toEqual({
      success: false,
      error: 'Unrecognized Atom (line 3, column 5)',
      daemon: { normalized: { message: 'Unrecognized Atom', code: '0x3000a', line: 3, column: 5, kind: 'Unrecognized Atom', context: ['>>  3 | x'], hint: 'check it' } },
    });
  });

  it('takes the line from the reference code and the kind from the message', () => {
    const body = JSON.stringify({ error: { message: 'Ada32 error rc=0x20008 (131080): Missing Close Bracket', code: '0x20008', kind: 'Unknown' } });
    const n = normalizeDaemonError(latin1ToBytes(body), 400).daemon.normalized;
    expect(n.line).toBe(2);
    expect(n.kind).toBe('Missing Close Bracket');
    expect(n.column).toBeNull();
  });

  it('falls back to the raw text when the JSON is broken', () => {
    const body = '{"error": {"message": "Ada32 error rc=0x20008 (131080): Missing Close Bracket", "code": "0x20008", "line": 2, "context": [">>  2 |   man_start_object <independent, "x>"]}}';
    const r = normalizeDaemonError(latin1ToBytes(body), 400);
    expect(r.daemon.normalized.line).toBe(2);
    expect(r.daemon.normalized.code).toBe('0x20008');
    expect(r.daemon.normalized.message).toMatch(/Missing Close Bracket/);
    expect(r.daemon.raw).toBe(body);
  });

  it('reads the context marker when there is no line', () => {
    const body = JSON.stringify({ error: { message: 'bad', context: ['    1 | a', '>>  2 | b'] } });
    expect(normalizeDaemonError(latin1ToBytes(body), 400).daemon.normalized.line).toBe(2);
  });

  it('handles plain text answers', () => {
    const r = normalizeDaemonError(latin1ToBytes('Empty request body'), 400);
    expect(r.error).toBe('Empty request body');
    expect(r.daemon.normalized.line).toBeNull();
  });
});
