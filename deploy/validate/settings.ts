/**
 * Every environment variable the deployment files set, gathered with where it is set:
 * the Dockerfile's ENV per target, the compose files' `environment`, and each rendered
 * overlay's container. A name must be one of ours — a setting of the configuration schema,
 * lib/config/schema.ts, from which the README's table is generated — or the runtime's
 * (RUNTIME_VARIABLES).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SETTINGS } from '../../lib/config';
import { parseDockerfile, targetEnv } from './dockerfile';
import { containerEnv, podContainers, type EnvSetting } from './pod-env';
import { REPO_ROOT, isObject, type K8sObject } from './render';

/**
 * Read by Node, Next or Wine, not by AtomForge's configuration, so the schema does not
 * list them: NODE_ENV (production mode of Next and React), NODE_OPTIONS (V8 flags the
 * server passes on to its daemons), NEXT_TELEMETRY_DISABLED (Next reaches for nothing on the
 * internet), WINEDEBUG / WINEPREFIX / WINEARCH (Wine's logging, prefix and 32-bit mode).
 */
export const RUNTIME_VARIABLES = new Set(['NODE_ENV', 'NODE_OPTIONS', 'NEXT_TELEMETRY_DISABLED', 'WINEDEBUG', 'WINEPREFIX', 'WINEARCH']);

/** the Dockerfile targets, and which image tag each builds */
export const IMAGE_TARGETS: Record<string, string> = { default: 'atomforge:latest', wine: 'atomforge:wine' };

/** the names of the configuration schema's settings */
export function knownSettings(): Set<string> {
  return new Set(SETTINGS.map((s) => s.name));
}

/** the Dockerfile's ENV settings, per target */
export function dockerfileSettings(text: string, file = 'Dockerfile'): Map<string, EnvSetting[]> {
  const stages = parseDockerfile(text);
  const byTarget = new Map<string, EnvSetting[]>();
  for (const target of Object.keys(IMAGE_TARGETS)) {
    byTarget.set(
      target,
      [...targetEnv(stages, target)].map(([name, { value, line }]) => ({ name, value, source: `${file}:${line} (target ${target})` })),
    );
  }
  return byTarget;
}

/** the `environment` of each service of a compose file (map or list form) */
export function composeSettings(text: string, file: string): Map<string, EnvSetting[]> {
  const doc: unknown = parseYaml(text);
  const services = isObject(doc) && isObject(doc.services) ? doc.services : {};
  const byService = new Map<string, EnvSetting[]>();
  for (const [service, body] of Object.entries(services)) {
    const environment = isObject(body) ? body.environment : undefined;
    const settings: EnvSetting[] = [];
    const source = `${file} (service ${service})`;
    if (Array.isArray(environment)) {
      for (const item of environment) {
        const text = String(item);
        const eq = text.indexOf('=');
        // `- NAME` alone passes the variable through from the host: no value here
        settings.push(eq < 0 ? { name: text, value: null, source } : { name: text.slice(0, eq), value: text.slice(eq + 1), source });
      }
    } else if (isObject(environment)) {
      for (const [name, value] of Object.entries(environment)) settings.push({ name, value: value === null ? null : String(value), source });
    }
    byService.set(service, settings);
  }
  return byService;
}

/** every container's variables in a rendered overlay */
export function manifestSettings(objects: K8sObject[], origin: string): Map<string, EnvSetting[]> {
  const byContainer = new Map<string, EnvSetting[]>();
  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    const { containers, initContainers } = podContainers(deployment);
    for (const c of [...containers, ...initContainers]) byContainer.set(`${origin}/${c.name}`, [...containerEnv(c, objects, origin).values()]);
  }
  return byContainer;
}

/** names that are neither ours (the schema's) nor the runtime's, as "source: NAME ..." */
export function unknownNames(settings: EnvSetting[], known: Set<string> = knownSettings()): string[] {
  return settings
    .filter((s) => !RUNTIME_VARIABLES.has(s.name) && !known.has(s.name))
    .map((s) => `${s.source}: ${s.name} is not a setting of AtomForge (lib/config/schema.ts) nor one of the runtime's`);
}

/** the files as they are in the repository */
export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

/** the Dockerfile target an image tag comes from */
export function targetOfImage(image: string): string {
  const target = Object.entries(IMAGE_TARGETS).find(([, tag]) => tag === image)?.[0];
  if (!target) throw new Error(`no Dockerfile target builds the image ${JSON.stringify(image)} (known: ${Object.values(IMAGE_TARGETS).join(', ')})`);
  return target;
}
