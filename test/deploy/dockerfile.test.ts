/**
 * The image as the Dockerfile describes it (no Docker engine runs the tests): both targets
 * run as the base image's `node` user under tini, check /health, start the web server
 * bundle that `npm run build` writes (scripts/build-server.ts), and copy only what serves
 * into the runtime stage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastInstruction, parseDockerfile, targetInstructions } from '../../deploy/validate/dockerfile';
import { IMAGE_TARGETS, readRepoFile } from '../../deploy/validate/settings';
import { WEB_SERVER_BUNDLE } from '../../scripts/build-server';

const stages = parseDockerfile(readRepoFile('Dockerfile'));
const root = path.resolve(__dirname, '..', '..');
const exec = (args: string) => JSON.parse(args) as string[];

describe('the Dockerfile', () => {
  it('builds the default target last, so `docker build .` gives the built-in daemon', () => {
    expect(stages.at(-1)!.name).toBe('default');
    expect(Object.keys(IMAGE_TARGETS).sort()).toEqual(['default', 'wine']);
  });

  for (const target of Object.keys(IMAGE_TARGETS)) {
    describe(`target ${target}`, () => {
      it('runs as the node user, not root', () => {
        expect(lastInstruction(stages, target, 'USER')?.args).toBe('node');
      });

      it('checks GET /health and counts only a 5xx or no answer as a failure', () => {
        const check = lastInstruction(stages, target, 'HEALTHCHECK')!.args;
        expect(check).toMatch(/--interval=\d+s --timeout=\d+s --start-period=\d+s --retries=\d+/);
        const command = exec(check.slice(check.indexOf('CMD') + 3).trim());
        expect(command.slice(0, 2)).toEqual(['node', '-e']);
        expect(command[2]).toContain("/health'");
        expect(command[2]).toContain('r.status<500');
      });

      it('starts the web server bundle that npm run build writes, under tini', () => {
        expect(exec(lastInstruction(stages, target, 'ENTRYPOINT')!.args)).toEqual(['/usr/bin/tini', '--']);
        const cmd = exec(lastInstruction(stages, target, 'CMD')!.args);
        expect(cmd[0]).toBe('node');
        expect(cmd.at(-1)).toBe(WEB_SERVER_BUNDLE);
      });
    });
  }

  it("builds at image build time and serves from the build stage's output only", () => {
    const build = targetInstructions(stages, 'build')
      .map((i) => i.args)
      .join('\n');
    expect(build).toContain('npm run build');
    expect(build).toContain('npm prune --omit=dev');
    const copies = targetInstructions(stages, 'default')
      .filter((i) => i.keyword === 'COPY')
      .map((i) => i.args);
    expect(copies.every((c) => c.startsWith('--from=build '))).toBe(true);
    for (const dir of ['node_modules', 'dist', '.next', 'public']) expect(copies.some((c) => c.includes(`/app/${dir} `))).toBe(true);
  });

  it('makes the Wine prefix as node, the user that runs Wine', () => {
    const wine = targetInstructions(stages, 'wine');
    const boot = wine.findIndex((i) => i.keyword === 'RUN' && i.args.includes('wineboot --init'));
    const userBefore = wine
      .slice(0, boot)
      .filter((i) => i.keyword === 'USER')
      .pop();
    expect(boot).toBeGreaterThan(0);
    expect(userBefore?.args).toBe('node');
  });
});

describe('.dockerignore', () => {
  const ignored = readRepoFile('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps the host build, the git history and the engine files out of the image', () => {
    for (const entry of ['node_modules', '.next', 'dist', '.git', 'fdo-bin']) expect(ignored).toContain(entry);
  });

  it('keeps every TypeScript source in: `next build` type-checks the whole project', () => {
    const hasTs = (dir: string): boolean =>
      fs.readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? hasTs(path.join(dir, e.name)) : e.name.endsWith('.ts')));
    // what builds write (next-env.d.ts is next build's own), not sources
    const built = new Set(['node_modules', '.next', 'dist', 'coverage', 'test-results', 'playwright-report', 'e2e/artifacts', 'tmp', '.git', 'next-env.d.ts']);
    for (const entry of ignored.filter((e) => !built.has(e) && !e.includes('*'))) {
      const full = path.join(root, entry);
      const holdsTs = fs.existsSync(full) && (fs.statSync(full).isDirectory() ? hasTs(full) : entry.endsWith('.ts'));
      expect(holdsTs, `${entry} holds TypeScript the build type-checks`).toBe(false);
    }
  });
});
