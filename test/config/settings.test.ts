/**
 * One source for configuration: every setting's name, type, default, range and
 * description live in lib/config/schema.ts; the loader reads them from there, the
 * documents' tables are generated from there, and nothing outside lib/config reads the
 * environment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, SETTINGS, loadConfig, type SettingSpec } from '@/lib/config';
import { fullTable, readmeTable, withTable } from '@/lib/config/docs';

const ROOT = path.resolve(__dirname, '..', '..');
const all = SETTINGS as readonly SettingSpec[];

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('the settings schema', () => {
  it('names each setting once, with a description', () => {
    expect(new Set(all.map((s) => s.name)).size).toBe(all.length);
    for (const s of all) expect(s.description.length).toBeGreaterThan(10);
  });

  it('every default is valid, and every out-of-range value is refused with a line naming the variable', () => {
    expect(problems({})).toEqual([]);
    for (const s of all) {
      const bad =
        s.type === 'int' ? String(s.max + 1) : s.type === 'seconds' ? String(s.max + 1) : s.type === 'bool' ? 'maybe' : s.type === 'choice' ? 'loud' : null;
      if (bad === null) continue;
      const lines = problems({ [s.name]: bad });
      expect(lines, s.name).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${s.name}="${bad}" is invalid: expected`));
    }
  });

  it('the loader takes each default from the schema', () => {
    const c = loadConfig({});
    const byName = Object.fromEntries(all.map((s) => [s.name, s.default]));
    expect(c.web.port).toBe(byName.PORT);
    expect(c.poolSize).toBe(byName.FDO_DAEMON_POOL_SIZE);
    expect(c.healthIntervalMs).toBe((byName.FDO_DAEMON_HEALTH_INTERVAL as number) * 1000);
    expect(c.restartBackoffCapMs).toBe((byName.FDO_DAEMON_RESTART_BACKOFF_CAP as number) * 1000);
    expect(c.fanOutBytes).toBe(byName.FDO_DAEMON_FAN_OUT_BYTES);
    expect(c.logLevel).toBe(byName.LOG_LEVEL);
    expect(c.adminToken).toBeNull();
  });

  it("README.md's and docs/POOL.md's tables are the generated ones (npm run gen:config-docs)", () => {
    for (const [file, table] of [
      ['README.md', readmeTable()],
      ['docs/POOL.md', fullTable()],
    ] as const) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect(withTable(text, table) === text, `${file} is out of date: run npm run gen:config-docs`).toBe(true);
    }
    for (const s of all) expect(fullTable()).toContain(`\`${s.name}\``);
  });
});

describe('nothing outside lib/config reads the environment', () => {
  /** source folders of the product (tools, tests and benchmarks may set up environments) */
  const PRODUCT = ['app', 'components', 'lib', 'server', 'instrumentation.ts'];
  /** a separate program, run with `node -e`, whose source is a string in this file */
  const SEPARATE_PROGRAMS = new Set(['server/pool/watchdog.ts']);

  function files(p: string): string[] {
    const full = path.join(ROOT, p);
    if (!fs.existsSync(full)) return [];
    if (fs.statSync(full).isFile()) return [p];
    return fs.readdirSync(full).flatMap((e) => files(path.join(p, e)));
  }

  it('no product source outside lib/config mentions process.env', () => {
    const offenders = PRODUCT.flatMap(files)
      .filter((f) => /\.(ts|tsx|js|cjs|mjs)$/.test(f) && !f.startsWith(`lib${path.sep}config${path.sep}`) && !SEPARATE_PROGRAMS.has(f))
      .filter((f) => /process\.env/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
