/**
 * Runs `atomforge chunk` and `atomforge capture`. File access goes through CliIo, like
 * the compile/decompile runner. Chunk: compile each source, split the batch into frames,
 * one capture line per frame. Capture: decode, write each stream's decompiled text, print
 * a summary table.
 */
import path from 'node:path';
import { compile, decompile, FdoError, bytesToLatin1, latin1ToBytes } from '../fdo';
import { P3Error, captureTimestamp, chunkScripts, decodeCapture, frameRecord, streamFileName, type StreamReport } from '../p3';
import type { CapturePlan, ChunkPlan } from './p3-args';
import type { CliIo } from './run';

function where(file: string, error: unknown): string {
  if (error instanceof FdoError) {
    if (error.line !== undefined) return `${file}:${error.line}:${error.column ?? 1}: ${error.kind}: ${error.message}`;
    return `${file}: ${error.kind}: ${error.message}`;
  }
  if (error instanceof P3Error) return `${file}: ${error.kind}: ${error.message}`;
  const err = error as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') return `${file}: I/O error: ${err.message}`;
  return `${file}: internal error: ${String(error instanceof Error ? error.message : error)}`;
}

export function runChunk(plan: ChunkPlan, io: CliIo): number {
  const scripts: Uint8Array[] = [];
  let failed = false;
  for (const input of plan.inputs) {
    try {
      scripts.push(compile(input === '-' ? io.readStdin() : io.readFile(input)));
    } catch (error) {
      failed = true;
      io.writeStderr(where(input, error) + '\n');
    }
  }
  if (failed) return 1;
  let lines: string;
  try {
    const r = chunkScripts(scripts, { token: plan.token, streamId: plan.streamId, budget: plan.budget, tx: plan.tx, rx: plan.rx });
    const ts = captureTimestamp(Date.now() / 1000);
    lines = r.frames.map((f) => JSON.stringify(frameRecord(f, ts)) + '\n').join('');
  } catch (error) {
    const p = error as P3Error;
    const file = error instanceof P3Error && p.script !== undefined ? plan.inputs[p.script]! : 'chunk';
    io.writeStderr(where(file, error) + '\n');
    return error instanceof P3Error && p.script === undefined ? 2 : 1;
  }
  const first = plan.inputs[0]!;
  const target = plan.output ?? (first === '-' ? '-' : path.join(path.dirname(first), path.basename(first, path.extname(first)) + '.jsonl'));
  try {
    if (target === '-') io.writeStdout(latin1ToBytes(lines));
    else io.writeFile(target, latin1ToBytes(lines));
  } catch (error) {
    io.writeStderr(where(target, error) + '\n');
    return 1;
  }
  return 0;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function dodSummary(s: StreamReport): string {
  const parts: string[] = [];
  if (s.dod.formIds.length) parts.push(`form ${s.dod.formIds.join(',')}`);
  if (s.dod.gids.length) parts.push(`gid ${s.dod.gids.join(',')}`);
  for (const a of s.dod.art) parts.push(`art ${a.kind} ${a.width}x${a.height} ${a.size}B`);
  return parts.join('; ');
}

export function runCapture(plan: CapturePlan, io: CliIo): number {
  let text: string;
  try {
    text = bytesToLatin1(plan.input === '-' ? io.readStdin() : io.readFile(plan.input));
  } catch (error) {
    io.writeStderr(where(plan.input, error) + '\n');
    return 1;
  }
  const report = decodeCapture(text);
  const base = plan.input === '-' ? 'stdin' : path.basename(plan.input, path.extname(plan.input));
  const dir = plan.output ?? path.join(plan.input === '-' ? '.' : path.dirname(plan.input), `${base}-streams`);
  let failed = report.failureCount > 0;
  for (const f of report.failures) io.writeStderr(`${plan.input}:${f.line ?? 0}: ${f.check}: ${f.message}\n`);
  if (report.failureCount > report.failures.length) io.writeStderr(`${plan.input}: ${report.failureCount - report.failures.length} more failures not listed\n`);
  try {
    io.makeDirectory(dir);
  } catch (error) {
    io.writeStderr(where(dir, error) + '\n');
    return 1;
  }
  const rows: string[][] = [['dir', 'token', 'stream', 'frames', 'lines', 'bytes', 'fdo', 'large', 'checks', 'file', 'dod']];
  for (const s of report.streams) {
    const name = streamFileName(s) + '.txt';
    let file = name;
    let checks = s.failures.length === 0 ? 'ok' : `${s.failures.length} failed`;
    for (const f of s.failures) io.writeStderr(`${plan.input}: stream ${streamFileName(s)} frame ${f.frame ?? '?'}: ${f.check}: ${f.message}\n`);
    try {
      io.writeFile(path.join(dir, name), latin1ToBytes(s.fdo.length === 0 ? '' : decompile(s.fdo)));
    } catch (error) {
      failed = true;
      file = '-';
      checks = 'decompile failed';
      io.writeStderr(where(`${plan.input} stream ${streamFileName(s)}`, error) + '\n');
    }
    if (s.failures.length) failed = true;
    rows.push([
      s.direction,
      s.token,
      s.streamIdHex || '-',
      String(s.frameCount),
      `${s.firstLine}-${s.lastLine}`,
      String(s.wireBytes),
      String(s.fdo.length),
      String(s.largeAtoms),
      checks,
      file,
      dodSummary(s),
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : pad(cell, widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  const k = report.skipped;
  const footer =
    `${report.frames} frames in ${report.lines} lines (${report.order}): ${report.dataFrames} DATA, ${k.control} control, ${k.gidRequests} GID requests` +
    `${report.gidRequests.length ? ` (${report.gidRequests.map((g) => g.gid).join(', ')})` : ''}; skipped: ${k.badFrames} bad frames, ${k.badPayloads} bad payloads, ${k.badLines} bad lines` +
    `; ${report.streams.length} streams written to ${dir}`;
  io.writeStdout(latin1ToBytes(`${table}\n${footer}\n`));
  return failed ? 1 : 0;
}
