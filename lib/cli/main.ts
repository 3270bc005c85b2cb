/** Entry point of `npx atomforge`: wires the CLI runner to the real file system. */
import fs from 'node:fs';
import { parseArgs, USAGE } from './args';
import { runPlan, type CliIo } from './run';
import { version } from '../../package.json';
import { parseP3Args } from './p3-args';
import { runCapture, runChunk } from './p3-run';

const io: CliIo = {
  readFile: (file) => new Uint8Array(fs.readFileSync(file)),
  writeFile: (file, data) => fs.writeFileSync(file, data),
  isDirectory: (file) => {
    try {
      return fs.statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
  makeDirectory: (dir) => fs.mkdirSync(dir, { recursive: true }),
  readStdin: () => new Uint8Array(fs.readFileSync(0)),
  writeStdout: (data) => fs.writeSync(1, data),
  writeStderr: (text) => process.stderr.write(text),
  now: () => performance.now(),
};

export function main(argv: readonly string[]): number {
  if (argv[0] === 'chunk' || argv[0] === 'capture') {
    if (argv.includes('-h') || argv.includes('--help')) {
      process.stdout.write(USAGE);
      return 0;
    }
    const p3 = parseP3Args(argv);
    if (p3.kind === 'usage') {
      process.stderr.write(`atomforge: ${p3.message}\n\n${USAGE}`);
      return 2;
    }
    return p3.plan.command === 'chunk' ? runChunk(p3.plan, io) : runCapture(p3.plan, io);
  }
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`atomforge ${version}\n`);
      return 0;
    case 'usage':
      process.stderr.write(`atomforge: ${parsed.message}\n\n${USAGE}`);
      return 2;
    case 'plan':
      return runPlan(parsed.plan, io);
  }
}

process.exitCode = main(process.argv.slice(2));
