/** `atomforge chunk` and `atomforge capture` as a user runs them: real processes and files. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLines, CAPTURE_PATH } from '../p3/support';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'atomforge.js');
let work: string;

function run(args: string[], input?: Buffer) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: work, input, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout.toString('latin1'), stderr: result.stderr.toString('latin1') };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-cli-p3-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const hostFrames = (id: string) => captureLines().filter((l) => l.dir === 'S->C' && l.fullHex.slice(20, 24) === id);

describe('atomforge capture', () => {
  it('writes one .txt per stream and prints a summary table', () => {
    const r = run(['capture', CAPTURE_PATH, '-o', 'streams']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = fs.readdirSync(path.join(work, 'streams')).sort();
    expect(files).toEqual([
      'c2s-f1-0062.txt',
      'c2s-ff-0068.txt',
      'c2s-fh-0063.txt',
      'c2s-fh-0064.txt',
      's2c-AT-0062.txt',
      's2c-AT-0063.txt',
      's2c-AT-0064.txt',
      's2c-AT-B78E.txt',
      's2c-AT-CEBF.txt',
    ]);
    const text = fs.readFileSync(path.join(work, 'streams', 's2c-AT-0063.txt'), 'latin1');
    expect(text).toMatch(/^uni_start_stream\n/);
    expect(text).toContain('dod_data <');
    const table = r.stdout.split('\n');
    expect(table[0]).toMatch(/^dir\s+token\s+stream\s+frames/);
    expect(table.find((l) => l.includes('s2c-AT-0063.txt'))).toMatch(
      /^S->C\s+AT\s+0063\s+7\s+11-17\s+710\s+689\s+1\s+ok\s+s2c-AT-0063\.txt\s+form 255-0-61476; gid 1-1-24046; art JG 300x220 596B$/,
    );
    expect(r.stdout).toMatch(/69 frames in 69 lines \(as given\): 47 DATA, 22 control, 4 GID requests/);
  });

  it('exits 1 and names the line of a bad frame, still writing the other streams', () => {
    const lines = fs.readFileSync(CAPTURE_PATH, 'latin1').split('\n');
    lines[12] = lines[12]!.replace(/"fullHex":"5a../, '"fullHex":"5a00');
    fs.writeFileSync(path.join(work, 'bad.jsonl'), lines.join('\n'));
    const r = run(['capture', 'bad.jsonl']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^bad\.jsonl:13: crc: CRC 0x00/m);
    expect(fs.existsSync(path.join(work, 'bad-streams', 's2c-AT-0064.txt'))).toBe(true);
  });
});

describe('atomforge chunk', () => {
  it("chunks a decompiled reply back into the capture's frames (capture JSONL format)", () => {
    run(['capture', CAPTURE_PATH, '-o', 'streams2']);
    const r = run([
      'chunk',
      path.join('streams2', 's2c-AT-0064.txt'),
      '--token',
      'AT',
      '--stream-id',
      '0x64',
      '--max',
      '121',
      '--tx',
      '0x14',
      '--rx',
      '0x2C',
      '-o',
      '-',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const want = hostFrames('0064');
    expect(got.map((g) => g.fullHex)).toEqual(want.map((w) => w.fullHex));
    expect(got.map((g) => [g.dir, g.token, g.type, g.tx, g.rx, g.len])).toEqual(want.map((w) => [w.dir, w.token, w.type, w.tx, w.rx, w.len]));
    expect(got[0].ts).toMatch(/^\d\.\d+E9$/);
  });

  it('writes NAME.jsonl next to the input by default; several sources form one batch', () => {
    fs.writeFileSync(path.join(work, 'a.txt'), 'uni_start_stream\nuni_end_stream\n');
    fs.writeFileSync(path.join(work, 'b.txt'), 'uni_start_stream\nman_append_data <"x">\nuni_end_stream\n');
    expect(run(['chunk', 'a.txt', 'b.txt', '--stream-id=99']).status).toBe(0);
    const frames = fs
      .readFileSync(path.join(work, 'a.jsonl'), 'latin1')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(frames.map((f) => [f.tx, f.fullHex.slice(16, 24)])).toEqual([
      ['0x10', '41540063'],
      ['0x11', '41540063'],
    ]);
  });

  it('reports compile errors as FILE:LINE:COLUMN and bad options as usage errors', () => {
    fs.writeFileSync(path.join(work, 'bad.txt'), 'uni_start_stream\n  mat_orientashun <vcf>\n');
    const r = run(['chunk', 'bad.txt', '-o', '-']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^bad\.txt:2:3: Unrecognized Atom: /);
    expect(run(['chunk', 'a.txt', '--max', 'lots']).status).toBe(2);
    expect(run(['chunk', 'a.txt', '--frobnicate']).status).toBe(2);
    const big = run(['chunk', 'a.txt', '--stream-id', '0x10000', '-o', '-']);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/Bad Stream Id/);
    expect(run(['capture']).status).toBe(2);
  });
});
