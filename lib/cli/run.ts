/**
 * Runs a CLI plan: converts every input in one process, reports each failure as
 * FILE:LINE:COLUMN: KIND: MESSAGE, and returns the exit status. File access goes through
 * the `io` object so the runner can be tested without touching the disk.
 */
import path from 'node:path';
import { compile, decompile, FdoError, bytesToLatin1, latin1ToBytes } from '../fdo';
import type { CliPlan } from './args';

export interface CliIo {
  readFile(file: string): Uint8Array;
  writeFile(file: string, data: Uint8Array): void;
  isDirectory(file: string): boolean;
  makeDirectory(dir: string): void;
  readStdin(): Uint8Array;
  writeStdout(data: Uint8Array): void;
  writeStderr(text: string): void;
  now(): number;
}

const EXTENSION = { compile: '.bin', decompile: '.txt' } as const;

function outputPath(plan: CliPlan, input: string, several: boolean, io: CliIo): string {
  const ext = EXTENSION[plan.direction];
  const base = input === '-' ? 'stdin' : path.basename(input, path.extname(input));
  if (plan.output === undefined) {
    return input === '-' ? '-' : path.join(path.dirname(input), base + ext);
  }
  if (several || io.isDirectory(plan.output)) return path.join(plan.output, base + ext);
  return plan.output;
}

function describe(file: string, error: unknown): string {
  if (error instanceof FdoError) {
    if (error.line !== undefined) return `${file}:${error.line}:${error.column ?? 1}: ${error.kind}: ${error.message}`;
    return `${file}: ${error.kind}: ${error.message}`;
  }
  const err = error as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string') return `${file}: I/O error: ${err.message}`;
  return `${file}: internal error: ${String(error instanceof Error ? error.message : error)}`;
}

export function runPlan(plan: CliPlan, io: CliIo): number {
  const several = plan.inputs.length > 1;
  if (several && plan.output !== undefined && plan.output !== '-') io.makeDirectory(plan.output);
  const started = io.now();
  let failed = 0;
  for (const input of plan.inputs) {
    try {
      const data = input === '-' ? io.readStdin() : io.readFile(input);
      const result = plan.direction === 'compile' ? compile(data) : latin1ToBytes(decompile(data));
      const target = outputPath(plan, input, several, io);
      if (target === '-') io.writeStdout(result);
      else io.writeFile(target, result);
    } catch (error) {
      failed++;
      io.writeStderr(describe(input, error) + '\n');
    }
  }
  if (!plan.quiet && (several || failed > 0)) {
    const seconds = ((io.now() - started) / 1000).toFixed(2);
    const verb = plan.direction === 'compile' ? 'compiled' : 'decompiled';
    io.writeStderr(`${verb} ${plan.inputs.length - failed} of ${plan.inputs.length} file(s) in ${seconds} s${failed ? `, ${failed} failed` : ''}\n`);
  }
  return failed > 0 ? 1 : 0;
}

export { bytesToLatin1 };
