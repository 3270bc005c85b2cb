/**
 * Every environment variable set in the Dockerfile, the compose files and the rendered
 * kustomize overlays is a setting of the configuration schema (lib/config/schema.ts, which
 * the README's table is generated from) or the runtime's own (RUNTIME_VARIABLES), and each
 * container's whole environment passes the service's loadConfig. The overlays need kubectl
 * (skipped only without it and without CI).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { environments, hasKubectl, renderOverlays, repoDeployFiles, settingsProblems, type ObjectSet } from '../../deploy/validate';
import { composeSettings, dockerfileSettings, knownSettings, RUNTIME_VARIABLES, unknownNames } from '../../deploy/validate/settings';

const canRender = hasKubectl() || Boolean(process.env.CI);
const files = repoDeployFiles();

describe('the names the configuration knows', () => {
  const known = knownSettings();

  it("are the schema's settings", () => {
    for (const name of ['PORT', 'HOST', 'FDO_DAEMON_POOL_SIZE', 'FDO_DAEMON_COMMAND', 'ATOMFORGE_ADMIN_TOKEN', 'ATOMFORGE_HOME', 'LOG_LEVEL'])
      expect(known).toContain(name);
  });

  it("leave out the runtime's variables, which are allowed by name, and the service's own plumbing", () => {
    for (const name of RUNTIME_VARIABLES) expect(known).not.toContain(name);
    const plumbing = [{ name: 'FDO_DAEMON_PARENT_PID', value: '1', source: 'x' }];
    expect(unknownNames(plumbing)).toEqual(["x: FDO_DAEMON_PARENT_PID is not a setting of AtomForge (lib/config/schema.ts) nor one of the runtime's"]);
  });
});

describe('the Dockerfile', () => {
  const byTarget = dockerfileSettings(files.dockerfile);
  const env = (target: string) => Object.fromEntries(byTarget.get(target)!.map((s) => [s.name, s.value]));

  it('sets the production environment in both targets, Wine only in the wine target', () => {
    expect(env('default')).toMatchObject({ NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: '8000', ATOMFORGE_HOME: '/app' });
    expect(env('default').WINEPREFIX).toBeUndefined();
    expect(env('wine')).toMatchObject({ WINEPREFIX: '/var/lib/atomforge/wineprefix', WINEARCH: 'win32', FDO_DAEMON_READY_TIMEOUT: '60', PORT: '8000' });
  });

  it('reads multi-line ENV, quoted values and the legacy form', () => {
    const parsed = dockerfileSettings(
      'FROM x AS runtime\nENV A=1 \\\n    B="two words"\nENV C three words\nFROM runtime AS wine\nENV A=2\nFROM runtime AS default\n',
    );
    expect(parsed.get('wine')!.map((s) => [s.name, s.value, s.source])).toEqual([
      ['A', '2', 'Dockerfile:6 (target wine)'],
      ['B', 'two words', 'Dockerfile:2 (target wine)'],
      ['C', 'three words', 'Dockerfile:4 (target wine)'],
    ]);
  });
});

describe('the compose files', () => {
  it('are read in map and list form; a bare name passes a host variable through', () => {
    const map = composeSettings('services:\n  a:\n    environment:\n      X: "1"\n', 'f');
    const list = composeSettings('services:\n  a:\n    environment:\n      - X=1\n      - Y\n', 'f');
    expect(map.get('a')).toEqual([{ name: 'X', value: '1', source: 'f (service a)' }]);
    expect(list.get('a')).toEqual([
      { name: 'X', value: '1', source: 'f (service a)' },
      { name: 'Y', value: null, source: 'f (service a)' },
    ]);
  });
});

describe('every variable the deployment sets', () => {
  let sets: ObjectSet[] = [];
  beforeAll(() => {
    if (canRender) sets = renderOverlays();
  }, 120_000);

  it("is a setting or the runtime's, and every container's environment is valid", () => {
    expect(settingsProblems(files, sets)).toEqual([]);
  }, 120_000);

  it.skipIf(!canRender)("includes the overlays: each container is checked with its image's environment underneath", () => {
    const names = environments(files, sets).map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'image default',
        'image wine',
        'docker compose (atomforge)',
        'docker compose with docker-compose.wine.yml (atomforge)',
        'overlays/single/atomforge',
        'overlays/replicas/atomforge',
        'overlays/wine/atomforge',
        'overlays/wine/wine-prefix (init)',
      ]),
    );
    const wine = environments(files, sets).find((e) => e.name === 'overlays/wine/atomforge')!;
    expect(wine.settings.find((s) => s.name === 'WINEPREFIX')?.source).toMatch(/^Dockerfile:\d+ \(target wine\)$/);
  });

  it('an invalid value is reported with where it is set', () => {
    const compose = files.compose.replace("FDO_DAEMON_POOL_SIZE: '5'", 'FDO_DAEMON_POOL_SIZE: "0"');
    expect(compose).not.toBe(files.compose);
    expect(settingsProblems({ ...files, compose }, [])).toContain(
      'docker compose (atomforge): FDO_DAEMON_POOL_SIZE="0" is invalid: expected a whole number from 1 to 8 (at most FDO_DAEMON_POOL_MAX_SIZE) (set in docker-compose.yml (service atomforge))',
    );
  });

  it('an unknown name is reported, a misspelt one too', () => {
    const compose = files.compose.replace("FDO_DAEMON_POOL_SIZE: '5'", 'FDO_DAEMON_POOL_SIZ: "5"');
    expect(settingsProblems({ ...files, compose }, [])).toContain(
      "docker-compose.yml (service atomforge): FDO_DAEMON_POOL_SIZ is not a setting of AtomForge (lib/config/schema.ts) nor one of the runtime's",
    );
  });

  it('the Wine command is checked as the service checks it', () => {
    const composeWine = files.composeWine.replace('--port {port} --host {host}', '--host {host}');
    expect(settingsProblems({ ...files, composeWine }, []).join('\n')).toMatch(/FDO_DAEMON_COMMAND=.* is invalid: expected \{port\} in the template/);
  });
});
