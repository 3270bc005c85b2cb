/**
 * Command-line parsing for `atomforge chunk` and `atomforge capture` (P3 framing). Pure:
 * argv in, a plan or a usage error out.
 */

export interface ChunkPlan {
  command: 'chunk';
  /** FDO sources; several form one batch (each starts a new frame) */
  inputs: string[];
  token: string;
  streamId: number;
  budget: number;
  tx: number;
  rx: number;
  /** undefined: next to the first input as NAME.jsonl; '-': standard output */
  output?: string;
}

export interface CapturePlan {
  command: 'capture';
  input: string;
  /** folder for the streams' .txt files; undefined: NAME-streams next to the capture */
  output?: string;
}

export type P3ParseResult = { kind: 'plan'; plan: ChunkPlan | CapturePlan } | { kind: 'usage'; message: string };

export const P3_USAGE = `  atomforge chunk   FORM.txt [FORM2.txt ...] [--token AT] [--stream-id 0x63] [--max 121]
                    [--tx 0x10] [--rx 0x10] [-o frames.jsonl|-]
                    compile and split into P3 DATA frames, one JSON line per frame
                    (the capture format); several sources form one batch
  atomforge capture CAPTURE.jsonl [-o DIR]
                    check, reassemble and decompile every stream of a capture: one
                    .txt per stream in DIR and a summary table on standard output
`;

/** Decimal or 0x-hex integer, nothing else. */
function integer(text: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  if (/^[0-9]+$/.test(text)) return parseInt(text, 10);
  return undefined;
}

const CHUNK_OPTIONS: Record<string, 'token' | 'streamId' | 'budget' | 'tx' | 'rx'> = {
  '--token': 'token',
  '--stream-id': 'streamId',
  '--max': 'budget',
  '--tx': 'tx',
  '--rx': 'rx',
};

export function parseP3Args(argv: readonly string[]): P3ParseResult {
  const [command, ...rest] = argv;
  const inputs: string[] = [];
  let output: string | undefined;
  const values: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string | undefined => inline ?? (i + 1 < rest.length ? rest[++i] : undefined);
    if (name === '-o' || name === '--output') {
      const v = takeValue();
      if (v === undefined) return { kind: 'usage', message: `${name} needs a value` };
      if (output !== undefined) return { kind: 'usage', message: '-o given more than once' };
      output = v;
      continue;
    }
    if (command === 'chunk' && name in CHUNK_OPTIONS) {
      const v = takeValue();
      if (v === undefined) return { kind: 'usage', message: `${name} needs a value` };
      values[CHUNK_OPTIONS[name]!] = v;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage', message: `unknown option ${arg} for ${command}` };
    inputs.push(arg);
  }
  if (command === 'capture') {
    if (inputs.length !== 1) return { kind: 'usage', message: 'capture: give exactly one capture file' };
    if (output === '-') return { kind: 'usage', message: 'capture: -o names a folder' };
    return { kind: 'plan', plan: { command, input: inputs[0]!, output } };
  }
  if (inputs.length === 0) return { kind: 'usage', message: 'chunk: no input files' };
  if (inputs.filter((x) => x === '-').length > 1) return { kind: 'usage', message: "standard input ('-') can be read once only" };
  const numbers: Record<string, number> = {};
  for (const key of ['streamId', 'budget', 'tx', 'rx'] as const) {
    if (values[key] === undefined) continue;
    const n = integer(values[key]!);
    if (n === undefined)
      return {
        kind: 'usage',
        message: `${key === 'streamId' ? '--stream-id' : key === 'budget' ? '--max' : `--${key}`} takes a decimal or 0x-hex integer, not ${JSON.stringify(values[key])}`,
      };
    numbers[key] = n;
  }
  return {
    kind: 'plan',
    plan: {
      command: 'chunk',
      inputs,
      output,
      token: values.token ?? 'AT',
      streamId: numbers.streamId ?? 0,
      budget: numbers.budget ?? 121,
      tx: numbers.tx ?? 0x10,
      rx: numbers.rx ?? 0x10,
    },
  };
}
