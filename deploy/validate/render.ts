/**
 * Renders the kustomize overlays in deploy/overlays with Debian's `kubectl kustomize` (no
 * helm, no separate kustomize binary) and parses the output into plain objects.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const OVERLAYS_DIR = path.join(REPO_ROOT, 'deploy', 'overlays');

/** one Kubernetes object as rendered: only the fields every object has are typed */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** every folder of deploy/overlays holding a kustomization.yaml, sorted by name */
export function overlayNames(): string[] {
  return fs
    .readdirSync(OVERLAYS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(OVERLAYS_DIR, e.name, 'kustomization.yaml')))
    .map((e) => e.name)
    .sort();
}

/** whether `kubectl` can be run here */
export function hasKubectl(): boolean {
  const probe = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 30_000 });
  return probe.status === 0;
}

/** `kubectl kustomize deploy/overlays/<name>`: the YAML stream; throws with kubectl's message */
export function renderOverlay(name: string): string {
  try {
    return execFileSync('kubectl', ['kustomize', path.join(OVERLAYS_DIR, name)], {
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`kubectl kustomize deploy/overlays/${name} failed: ${stderr || (err as Error).message}`, { cause: err });
  }
}

/** the documents of a YAML stream; a syntax error, or a document that is not an object with apiVersion, kind and metadata.name, throws */
export function parseManifests(text: string, origin: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${origin}: ${doc.errors[0]!.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (
      !isObject(value) ||
      typeof value.apiVersion !== 'string' ||
      typeof value.kind !== 'string' ||
      !isObject(value.metadata) ||
      typeof value.metadata.name !== 'string'
    ) {
      throw new Error(`${origin}: a document without apiVersion, kind and metadata.name`);
    }
    objects.push(value as K8sObject);
  }
  return objects;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
