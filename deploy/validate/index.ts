/**
 * The deployment's checks, used by `npm run validate:deploy` (scripts/validate-deploy.ts)
 * and by test/deploy: render every overlay, validate each object against the API schemas
 * and the API's field lists, check the Deployment's numbers against the pool settings, and
 * check every environment variable of the Dockerfile, the compose files and the overlays.
 */
import { configProblems } from './config-check';
import { fieldProblems, type ObjectSet } from './fields';
import { parseManifests, overlayNames, renderOverlay } from './render';
import { deploymentProblems, type ImageEnv } from './rules';
import { schemaProblems } from './schemas';
import { composeSettings, dockerfileSettings, knownSettings, manifestSettings, readRepoFile, targetOfImage, unknownNames } from './settings';
import type { EnvSetting } from './pod-env';
import { podContainers } from './pod-env';

export type { ObjectSet } from './fields';
export { hasKubectl, overlayNames } from './render';

/** every overlay of deploy/overlays, rendered and parsed */
export function renderOverlays(names: string[] = overlayNames()): ObjectSet[] {
  return names.map((name) => ({ origin: `overlays/${name}`, objects: parseManifests(renderOverlay(name), `overlays/${name}`) }));
}

/** what a container of each image tag starts with (the Dockerfile's ENV of its target) */
export function dockerfileImageEnv(dockerfile = readRepoFile('Dockerfile')): ImageEnv {
  const byTarget = dockerfileSettings(dockerfile);
  return (image) => values(byTarget.get(targetOfImage(image)) ?? []);
}

/** schema, field and deployment-rule problems of rendered overlays */
export function manifestProblems(sets: ObjectSet[], imageEnv: ImageEnv = dockerfileImageEnv()): string[] {
  return [
    ...sets.flatMap(({ origin, objects }) => objects.flatMap((o) => schemaProblems(o).map((p) => `${origin}: ${p}`))),
    ...fieldProblems(sets),
    ...sets.flatMap(({ origin, objects }) => deploymentProblems(objects, origin, imageEnv)),
  ];
}

/** the files whose variables are checked, as they are in the repository */
export interface DeployFiles {
  dockerfile: string;
  compose: string;
  composeWine: string;
}

export function repoDeployFiles(): DeployFiles {
  return {
    dockerfile: readRepoFile('Dockerfile'),
    compose: readRepoFile('docker-compose.yml'),
    composeWine: readRepoFile('docker-compose.wine.yml'),
  };
}

/** the environments a container really starts with, each as the settings that make it up (later ones win) */
export function environments(files: DeployFiles, sets: ObjectSet[]): { name: string; settings: EnvSetting[] }[] {
  const image = dockerfileSettings(files.dockerfile);
  const compose = composeSettings(files.compose, 'docker-compose.yml');
  const composeWine = composeSettings(files.composeWine, 'docker-compose.wine.yml');
  const envs: { name: string; settings: EnvSetting[] }[] = [];
  for (const [target, settings] of image) envs.push({ name: `image ${target}`, settings });
  for (const [service, settings] of compose) {
    envs.push({ name: `docker compose (${service})`, settings: [...image.get('default')!, ...settings] });
    const wine = composeWine.get(service);
    if (wine) envs.push({ name: `docker compose with docker-compose.wine.yml (${service})`, settings: [...image.get('wine')!, ...settings, ...wine] });
  }
  for (const { origin, objects } of sets) {
    const deployment = objects.find((o) => o.kind === 'Deployment');
    const images = new Map(deployment ? podContainers(deployment).containers.map((c) => [c.name, c.image ?? ''] as const) : []);
    for (const [container, settings] of manifestSettings(objects, origin)) {
      const name = container.slice(origin.length + 1);
      const tag = images.get(name);
      // init containers only copy files: their variables are checked by name, not as a service's configuration
      envs.push({ name: `${container}${tag ? '' : ' (init)'}`, settings: tag ? [...image.get(targetOfImage(tag))!, ...settings] : settings });
    }
  }
  return envs;
}

/** unknown names and invalid values of every environment variable the deployment sets */
export function settingsProblems(files: DeployFiles, sets: ObjectSet[]): string[] {
  const known = knownSettings();
  const problems: string[] = [];
  for (const env of environments(files, sets)) {
    problems.push(...unknownNames(env.settings, known));
    if (env.name.endsWith('(init)')) continue;
    problems.push(...configProblems(values(env.settings)).map((p) => `${env.name}: ${p} (set in ${sourceOf(env.settings, p)})`));
  }
  return [...new Set(problems)];
}

function values(settings: EnvSetting[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of settings) if (s.value !== null) env[s.name] = s.value;
  return env;
}

/** where the variable a ConfigError line names was set last */
function sourceOf(settings: EnvSetting[], problem: string): string {
  const name = /^([A-Z][A-Z0-9_]*)=/.exec(problem)?.[1];
  return [...settings].reverse().find((s) => s.name === name)?.source ?? 'the defaults';
}
