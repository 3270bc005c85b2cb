/**
 * Reads a Dockerfile far enough to know what each build target sets: its stages, and per
 * stage the ENV settings, USER, HEALTHCHECK and CMD, following `FROM <stage>` to the stages
 * it builds on. Not a full parser: ARG substitution and heredocs are not used here.
 */
import { splitCommand } from '../../lib/config';

export interface Instruction {
  keyword: string;
  args: string;
  /** 1-based line where the instruction starts */
  line: number;
}

export interface Stage {
  name: string | null;
  from: string;
  instructions: Instruction[];
}

/** the stages in file order; continuation lines (`\` at the end) are joined, comments dropped */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let logical = lines[i]!;
    if (/^\s*#/.test(logical) || logical.trim() === '') continue;
    while (/\\\s*$/.test(logical) && i + 1 < lines.length) {
      i++;
      const next = lines[i]!;
      if (/^\s*#/.test(next)) continue; // a comment inside a continued instruction
      logical = logical.replace(/\\\s*$/, ' ') + next;
    }
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(logical);
    if (!m) throw new Error(`Dockerfile:${first}: cannot read ${JSON.stringify(logical.slice(0, 40))}`);
    const keyword = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile:${first}: cannot read FROM ${args}`);
      stages.push({ from: from[1]!, name: from[2] ?? null, instructions: [] });
      continue;
    }
    if (stages.length === 0) throw new Error(`Dockerfile:${first}: ${keyword} before the first FROM`);
    stages[stages.length - 1]!.instructions.push({ keyword, args, line: first });
  }
  return stages;
}

/** the instructions a target runs, from the first stage of its chain to itself */
export function targetInstructions(stages: Stage[], target: string): Instruction[] {
  const stage = stages.find((s) => s.name === target);
  if (!stage) throw new Error(`the Dockerfile has no stage ${JSON.stringify(target)}`);
  const parent = stages.find((s) => s.name === stage.from);
  return [...(parent ? targetInstructions(stages, parent.name!) : []), ...stage.instructions];
}

/** the settings of one ENV instruction: `ENV A=1 B="two words"` or the legacy `ENV A value` */
export function envSettings(instruction: Instruction): { name: string; value: string }[] {
  const words = splitCommand(instruction.args);
  if (words.length > 0 && !words[0]!.includes('=')) {
    return [{ name: words[0]!, value: instruction.args.slice(instruction.args.indexOf(words[0]!) + words[0]!.length).trim() }];
  }
  return words.map((word) => {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new Error(`Dockerfile:${instruction.line}: cannot read ENV ${word}`);
    return { name: word.slice(0, eq), value: word.slice(eq + 1) };
  });
}

/** what a container of the target starts with: the ENV settings (later ones win), with the line that set each */
export function targetEnv(stages: Stage[], target: string): Map<string, { value: string; line: number }> {
  const env = new Map<string, { value: string; line: number }>();
  for (const instruction of targetInstructions(stages, target)) {
    if (instruction.keyword !== 'ENV') continue;
    for (const { name, value } of envSettings(instruction)) env.set(name, { value, line: instruction.line });
  }
  return env;
}

/** the last instruction with this keyword in the target's chain (USER, HEALTHCHECK, CMD), or null */
export function lastInstruction(stages: Stage[], target: string, keyword: string): Instruction | null {
  return (
    targetInstructions(stages, target)
      .filter((i) => i.keyword === keyword)
      .pop() ?? null
  );
}
