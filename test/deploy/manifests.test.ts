/**
 * The kustomize overlays render, every object is valid by the Kubernetes API schemas and
 * field lists, and the Deployment's numbers follow from the pool settings. The render
 * needs Debian's kubectl; it is skipped only where kubectl is missing and CI is not set
 * (.ci/run installs it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, manifestProblems, overlayNames, renderOverlays, type ObjectSet } from '../../deploy/validate';
import { fieldProblems } from '../../deploy/validate/fields';
import { schemaProblems } from '../../deploy/validate/schemas';
import type { K8sObject } from '../../deploy/validate/render';

const canRender = hasKubectl() || Boolean(process.env.CI);

describe('the API schema check', () => {
  it('names each wrong type and missing field', () => {
    const bad = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { replicas: 'two', template: { spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '8000' }] }] } } },
    };
    const problems = schemaProblems(bad as K8sObject);
    expect(problems).toContain('Deployment/x: data/spec must have required property selector');
    expect(problems).toContain('Deployment/x: data/spec/replicas must be integer');
    expect(problems).toContain('Deployment/x: data/spec/template/spec/containers/0/ports/0/containerPort must be integer');
  });

  it('refuses kinds and API versions it has no schema for', () => {
    const old = { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' } };
    expect(schemaProblems(old as K8sObject)[0]).toMatch(/no schema for autoscaling\/v2beta2 HorizontalPodAutoscaler/);
  });

  it('passes a minimal valid object', () => {
    expect(schemaProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { A: '1' } } as K8sObject)).toEqual([]);
  });
});

describe.skipIf(!canRender)('the rendered overlays', () => {
  let sets: ObjectSet[];
  const overlay = (name: string) => sets.find((s) => s.origin === `overlays/${name}`)!.objects;
  const kind = (objects: K8sObject[], k: string) => objects.find((o) => o.kind === k) as any;
  const container = (objects: K8sObject[]) => kind(objects, 'Deployment').spec.template.spec.containers[0];
  const copy = (objects: K8sObject[]) => structuredClone(objects);

  beforeAll(() => {
    sets = renderOverlays();
  }, 120_000);

  it('are single, replicas and wine', () => {
    expect(overlayNames()).toEqual(['replicas', 'single', 'wine']);
  });

  it('are valid: API schemas, field lists and the deployment rules', () => {
    expect(manifestProblems(sets)).toEqual([]);
  }, 120_000);

  it('single: one pod, never two at once, the library on a PersistentVolumeClaim', () => {
    const objects = overlay('single');
    const deployment = kind(objects, 'Deployment');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    expect(kind(objects, 'HorizontalPodAutoscaler')).toBeUndefined();
    expect(kind(objects, 'PersistentVolumeClaim').metadata.name).toBe('atomforge-data');
    expect(container(objects).env.map((e: { name: string }) => e.name)).not.toContain('DATABASE_URL');
  });

  it('replicas: autoscaled from 2 on CPU, the library in PostgreSQL from a Secret', () => {
    const objects = overlay('replicas');
    const hpa = kind(objects, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const db = container(objects).env.find((e: { name: string }) => e.name === 'DATABASE_URL');
    expect(db.valueFrom.secretKeyRef).toEqual({ name: 'atomforge-database', key: 'url' });
  });

  it('wine: the atomforge:wine image, the engine volume, the external command', () => {
    const objects = overlay('wine');
    expect(container(objects).image).toBe('atomforge:wine');
    expect(kind(objects, 'ConfigMap').data.FDO_DAEMON_COMMAND).toBe('wine /opt/fdo/fdo_daemon.exe --port {port} --host {host}');
    expect(container(objects).volumeMounts).toContainEqual({ name: 'fdo-engine', mountPath: '/opt/fdo', readOnly: true });
  });

  it('the admin and library tokens come from optional Secrets in every overlay', () => {
    for (const { objects } of sets) {
      const env = (name: string) => container(objects).env.find((e: { name: string }) => e.name === name);
      expect(env('ATOMFORGE_ADMIN_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'atomforge-admin', key: 'token', optional: true });
      expect(env('ATOMFORGE_LIBRARY_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'atomforge-library', key: 'token', optional: true });
    }
  });

  it('refuses a token written into the manifests', () => {
    const objects = copy(overlay('single'));
    kind(objects, 'ConfigMap').data.ATOMFORGE_ADMIN_TOKEN = 'secret-in-plain-sight';
    expect(manifestProblems([{ origin: 'mutated', objects }]).join('\n')).toMatch(
      /ATOMFORGE_ADMIN_TOKEN must come from a Secret \(secretKeyRef\), not from mutated: ConfigMap\//,
    );
  }, 60_000);

  it('names a misspelt field at any depth', () => {
    const objects = copy(overlay('single'));
    const c = container(objects);
    c.readinessprobe = c.readinessProbe;
    kind(objects, 'Service').spec.ports[0].targetport = 'http';
    const problems = fieldProblems([{ origin: 'mutated', objects }]);
    expect(problems.some((p) => p.startsWith('mutated: Deployment/atomforge:') && p.includes("'\"readinessprobe\"' does not exist in type 'IContainer'"))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith('mutated: Service/atomforge:') && p.includes('targetport'))).toBe(true);
  }, 60_000);

  it('finds memory below the pool, a liveness probe that kills restarting pools, a grace period shorter than the drain', () => {
    const objects = copy(overlay('replicas'));
    const c = container(objects);
    c.resources.requests.memory = '300Mi';
    c.resources.limits.memory = '512Mi';
    c.livenessProbe.failureThreshold = 3;
    kind(objects, 'Deployment').spec.template.spec.terminationGracePeriodSeconds = 30;
    const problems = manifestProblems([{ origin: 'mutated', objects }]).join('\n');
    expect(problems).toMatch(/memory request 300Mi is below 400Mi = 100 \+ 60 x FDO_DAEMON_POOL_SIZE 5/);
    expect(problems).toMatch(/memory limit 512Mi is below 580Mi = 100 \+ 60 x FDO_DAEMON_POOL_MAX_SIZE 8/);
    expect(problems).toMatch(/livenessProbe gives up after 30 s: it must wait longer than a daemon's slowest restart, 102 s/);
    expect(problems).toMatch(/terminationGracePeriodSeconds 30 must be longer than 68 s/);
  }, 60_000);

  it('follows the pool settings: a bigger pool needs more memory and a longer grace period', () => {
    const objects = copy(overlay('replicas'));
    kind(objects, 'ConfigMap').data.FDO_DAEMON_POOL_SIZE = '8';
    const problems = manifestProblems([{ origin: 'mutated', objects }]).join('\n');
    expect(problems).toMatch(/memory request 400Mi is below 580Mi/);
    expect(problems).toMatch(/terminationGracePeriodSeconds 75 must be longer than 101 s/);
  }, 60_000);

  it('refuses more than one pod without the shared database, root, and a writable root filesystem', () => {
    const objects = copy(overlay('replicas'));
    const c = container(objects);
    c.env = c.env.filter((e: { name: string }) => e.name !== 'DATABASE_URL');
    c.securityContext.readOnlyRootFilesystem = false;
    delete kind(objects, 'Deployment').spec.template.spec.securityContext.runAsNonRoot;
    const problems = manifestProblems([{ origin: 'mutated', objects }]).join('\n');
    expect(problems).toMatch(/more than one pod can run at once .* DATABASE_URL \(PostgreSQL\) must be set from a Secret/);
    expect(problems).toMatch(/container atomforge: readOnlyRootFilesystem must be true/);
    expect(problems).toMatch(/runAsNonRoot must be true/);
  }, 60_000);

  it('reports a pool setting the service would refuse', () => {
    const objects = copy(overlay('single'));
    kind(objects, 'ConfigMap').data.FDO_DAEMON_POOL_SIZE = '9';
    expect(manifestProblems([{ origin: 'mutated', objects }]).join('\n')).toMatch(
      /the service would not start: FDO_DAEMON_POOL_SIZE="9" is invalid: expected a whole number from 1 to 8/,
    );
  }, 60_000);
});
