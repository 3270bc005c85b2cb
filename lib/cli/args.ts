/** Command-line parsing for `atomforge compile|decompile`. Pure: argv in, a plan or a usage error out. */
import { P3_USAGE } from './p3-args';

export type Direction = 'compile' | 'decompile';

export interface CliPlan {
  direction: Direction;
  inputs: string[];
  /** undefined: next to each input; '-': stdout (one input only); otherwise a file (one input) or a folder */
  output?: string;
  quiet: boolean;
}

export type ParseResult = { kind: 'plan'; plan: CliPlan } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage'; message: string };

export const USAGE = `atomforge — FDO91 compiler and decompiler

Usage:
  atomforge compile   IN.txt [IN2.txt ...] [-o OUT]
  atomforge decompile IN.bin [IN2.bin ...] [-o OUT]
${P3_USAGE}
Options:
  -o, --output OUT  one input: the output file ('-' for standard output);
                    several inputs: a folder, written as OUT/NAME.bin or OUT/NAME.txt
                    (created when missing). Without -o each output is written next
                    to its input with the extension replaced.
  -q, --quiet       no summary line on standard error
  -h, --help        this text
  -v, --version     the version

An input of '-' reads standard input. Text is read and written as Latin-1 bytes.
Errors go to standard error as FILE:LINE:COLUMN: KIND: MESSAGE (compile) or
FILE: KIND: MESSAGE (decompile; the message names the byte offset).
Exit status: 0 when every input converted, 1 when any failed, 2 on usage errors.
`;

export function parseArgs(argv: readonly string[]): ParseResult {
  const rest: string[] = [];
  let output: string | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-v' || arg === '--version') return { kind: 'version' };
    if (arg === '-q' || arg === '--quiet') {
      quiet = true;
      continue;
    }
    if (arg === '-o' || arg === '--output') {
      if (i + 1 >= argv.length) return { kind: 'usage', message: `${arg} needs a value` };
      if (output !== undefined) return { kind: 'usage', message: '-o given more than once' };
      output = argv[++i];
      continue;
    }
    if (arg.startsWith('--output=')) {
      output = arg.slice('--output='.length);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage', message: `unknown option ${arg}` };
    rest.push(arg);
  }
  const [command, ...inputs] = rest;
  if (command === undefined) return { kind: 'usage', message: 'missing command: compile, decompile, chunk or capture' };
  if (command !== 'compile' && command !== 'decompile')
    return { kind: 'usage', message: `unknown command '${command}': use compile, decompile, chunk or capture` };
  if (inputs.length === 0) return { kind: 'usage', message: `${command}: no input files` };
  if (inputs.length > 1 && output === '-') return { kind: 'usage', message: '-o - (standard output) takes one input only' };
  if (inputs.filter((i) => i === '-').length > 1) return { kind: 'usage', message: "standard input ('-') can be read once only" };
  return { kind: 'plan', plan: { direction: command, inputs, output, quiet } };
}
