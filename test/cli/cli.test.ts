/** The CLI as a user runs it: real processes, real files, exit codes and stderr lines. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_ROOT } from '../support/corpus';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'atomforge.js');
let work: string;

function run(args: string[], input?: Buffer) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, input, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('latin1') };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-cli-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('atomforge CLI', () => {
  it('compiles one file to -o and decompiles it back', () => {
    const src = path.join(CORPUS_ROOT, 'samples', '32-105.txt');
    const expected = fs.readFileSync(path.join(CORPUS_ROOT, 'samples', '32-105.bin'));
    expect(run(['compile', src, '-o', 'form.bin']).status).toBe(0);
    expect(Buffer.compare(fs.readFileSync(path.join(work, 'form.bin')), expected)).toBe(0);
    expect(run(['decompile', 'form.bin', '-o', 'form.txt']).status).toBe(0);
    expect(Buffer.compare(fs.readFileSync(path.join(work, 'form.txt')), fs.readFileSync(src))).toBe(0);
  });

  it('writes next to the input without -o, and to stdout with -o -', () => {
    fs.copyFileSync(path.join(CORPUS_ROOT, 'samples', '32-5370.bin'), path.join(work, 'x.bin'));
    expect(run(['decompile', 'x.bin']).status).toBe(0);
    const expected = fs.readFileSync(path.join(CORPUS_ROOT, 'samples', '32-5370.txt'));
    expect(Buffer.compare(fs.readFileSync(path.join(work, 'x.txt')), expected)).toBe(0);
    const piped = run(['compile', '-', '-o', '-'], expected);
    expect(piped.status).toBe(0);
    expect(Buffer.compare(piped.stdout, fs.readFileSync(path.join(work, 'x.bin')))).toBe(0);
  });

  it('converts a whole folder in one process into -o DIR', () => {
    const dir = path.join(CORPUS_ROOT, 'samples');
    const inputs = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .map((f) => path.join(dir, f));
    const result = run(['decompile', ...inputs, '-o', 'out']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/decompiled 251 of 251 file\(s\)/);
    for (const input of inputs) {
      const name = path.basename(input, '.bin');
      const got = fs.readFileSync(path.join(work, 'out', `${name}.txt`));
      expect(Buffer.compare(got, fs.readFileSync(path.join(dir, `${name}.txt`))), name).toBe(0);
    }
  });

  it('reports FILE:LINE:COLUMN: KIND: MESSAGE and exits 1 when an input fails', () => {
    fs.writeFileSync(path.join(work, 'bad.txt'), 'uni_start_stream <00x>\n  bogus_atom <01x>\n');
    fs.writeFileSync(path.join(work, 'good.txt'), 'uni_start_stream <00x>\nuni_end_stream\n');
    const result = run(['compile', 'bad.txt', 'good.txt', '-o', 'res']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^bad\.txt:2:3: Unrecognized Atom: /m);
    expect(fs.readFileSync(path.join(work, 'res', 'good.bin'))).toEqual(Buffer.from([0, 1, 1, 0, 0, 2, 0]));
  });

  it('reports a truncated binary with its byte offset', () => {
    fs.writeFileSync(path.join(work, 'cut.bin'), Buffer.from([0x00, 0x01, 0x01, 0x00, 0x01, 0x14, 0x05, 0x61]));
    const result = run(['decompile', 'cut.bin']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^cut\.bin: Truncated Atom: .*4/m);
  });

  it('exits 2 on usage errors and prints help', () => {
    expect(run([]).status).toBe(2);
    expect(run(['frobnicate', 'x']).status).toBe(2);
    expect(run(['compile']).status).toBe(2);
    expect(run(['compile', 'a', '--bogus']).status).toBe(2);
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.toString()).toMatch(/atomforge compile/);
  });

  it('reports a missing input file and carries on with the others', () => {
    const result = run(['compile', 'missing.txt', 'good.txt', '-o', 'res2']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^missing\.txt: I\/O error: /m);
    expect(fs.existsSync(path.join(work, 'res2', 'good.bin'))).toBe(true);
  });
});
