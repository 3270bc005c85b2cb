/**
 * What the schemas cannot know: the numbers in the Deployment follow from the pool's
 * settings, read with the service's own loadConfig from what each overlay gives the
 * container (image ENV + ConfigMap + env). Each rule says where its figure comes from.
 */
import type { IDeploymentSpec } from 'kubernetes-models/apps/v1/DeploymentSpec';
import type { IHorizontalPodAutoscalerSpec } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscalerSpec';
import type { IPodDisruptionBudgetSpec } from 'kubernetes-models/policy/v1/PodDisruptionBudgetSpec';
import type { ILifecycle } from 'kubernetes-models/v1/Lifecycle';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IServiceSpec } from 'kubernetes-models/v1/ServiceSpec';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { ServiceConfig } from '../../lib/config';
import { loadContainerConfig } from './config-check';
import { containerEnv, podContainers, type ContainerSpec } from './pod-env';
import { isObject, type K8sObject } from './render';

/** MiB the web server holds (docs/BENCHMARKS.md, bench:web: 107-108 MB RSS after the load) */
export const WEB_SERVER_MIB = 100;
/** MiB per built-in daemon (bench:web: 289 MB for five, 59 MB for one) */
export const BUILTIN_DAEMON_MIB = 60;
/** MiB per daemon under Wine (fdo_daemon.exe: ~60-80 MB each, docker-compose.wine.yml) */
export const WINE_DAEMON_MIB = 80;
/** seconds between a daemon's SIGTERM and SIGKILL (server/pool/daemon-process.ts STOP_GRACE_MS) */
export const DAEMON_STOP_GRACE_S = 3;
/** Next loading its build before the pool starts, on a busy node */
export const WEB_START_S = 30;
/** settings whose values are secrets: they come from Secrets, never from the manifests */
export const SECRET_SETTINGS = ['ATOMFORGE_ADMIN_TOKEN', 'ATOMFORGE_LIBRARY_TOKEN', 'DATABASE_URL'];
/** the settings every image sets for itself (Dockerfile ENV), per image tag */
export type ImageEnv = (image: string) => Record<string, string>;

interface Probe {
  httpGet?: { path?: string; port?: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
}

const BINARY = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 } as const;
const DECIMAL = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 } as const;

/** a Kubernetes memory quantity ("768Mi", "1Gi", "500M", 1048576) in bytes; NaN when unreadable */
export function quantityBytes(q: unknown): number {
  if (typeof q === 'number') return q;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  if (!m) return NaN;
  const unit = m[2] as keyof typeof BINARY | keyof typeof DECIMAL | undefined;
  const scale = unit === undefined ? 1 : unit in BINARY ? BINARY[unit as keyof typeof BINARY] : DECIMAL[unit as keyof typeof DECIMAL];
  return Number(m[1]) * scale;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** the container's environment with the image's underneath, secrets left out */
export function effectiveEnv(container: ContainerSpec, objects: K8sObject[], origin: string, imageEnv: ImageEnv): Record<string, string> {
  const env: Record<string, string> = { ...imageEnv(container.image ?? '') };
  for (const setting of containerEnv(container, objects, origin).values()) if (setting.value !== null) env[setting.name] = setting.value;
  return env;
}

/** every rule broken by one rendered overlay, as "origin: what is wrong" */
export function deploymentProblems(objects: K8sObject[], origin: string, imageEnv: ImageEnv): string[] {
  const problems: string[] = [];
  const fail = (line: string) => problems.push(`${origin}: ${line}`);
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  if (deployments.length !== 1) return [`${origin}: expected one Deployment, found ${deployments.length}`];
  const deployment = deployments[0]!;
  const spec = (deployment.spec ?? {}) as Partial<IDeploymentSpec>;
  const pod: Partial<IPodSpec> = spec.template?.spec ?? {};
  const { containers, initContainers } = podContainers(deployment);
  const main = containers.find((c) => c.name === 'atomforge');
  if (!main) return [`${origin}: the Deployment has no container named atomforge`];

  let config: ServiceConfig;
  try {
    config = loadContainerConfig(effectiveEnv(main, objects, origin, imageEnv));
  } catch (err) {
    return [`${origin}: the service would not start: ${(err as Error).message}`];
  }
  const env = containerEnv(main, objects, origin);

  // --- non-root, read-only root, nothing more than the service needs
  const podSecurity = pod.securityContext ?? {};
  if (podSecurity.runAsNonRoot !== true) fail('pod securityContext.runAsNonRoot must be true');
  if (podSecurity.runAsUser === 0) fail('pod securityContext.runAsUser must not be 0 (root)');
  for (const c of [...containers, ...initContainers]) {
    const sc = (c.securityContext ?? {}) as ISecurityContext;
    if (sc.readOnlyRootFilesystem !== true) fail(`container ${c.name}: readOnlyRootFilesystem must be true`);
    if (sc.allowPrivilegeEscalation !== false) fail(`container ${c.name}: allowPrivilegeEscalation must be false`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) fail(`container ${c.name}: capabilities must drop ALL`);
    const res = c.resources as IResourceRequirements | undefined;
    if (!res || !isObject(res.limits) || !isObject(res.requests)) fail(`container ${c.name}: needs resource requests and limits`);
  }
  const mounts = (main.volumeMounts ?? []) as { name: string; mountPath: string; readOnly?: boolean }[];
  const volumes: IVolume[] = pod.volumes ?? [];
  const volumeAt = (dir: string) => {
    const mount = mounts.find((m) => m.mountPath === dir);
    return mount ? (volumes.find((v) => v.name === mount.name) ?? null) : null;
  };
  for (const dir of [config.poolRoot, '/tmp']) {
    if (!volumeAt(dir)?.emptyDir) fail(`${dir} must be an emptyDir volume (the root filesystem is read-only)`);
  }

  // --- memory and CPU, sized per the pool
  const perDaemon = config.command ? WINE_DAEMON_MIB : BUILTIN_DAEMON_MIB;
  const resources = (main.resources ?? {}) as IResourceRequirements;
  const request = quantityBytes(resources.requests?.memory);
  const limit = quantityBytes(resources.limits?.memory);
  const needRequest = WEB_SERVER_MIB + perDaemon * config.poolSize;
  const needLimit = WEB_SERVER_MIB + perDaemon * config.poolMaxSize;
  if (!(mib(request) >= needRequest))
    fail(`memory request ${resources.requests?.memory} is below ${needRequest}Mi = ${WEB_SERVER_MIB} + ${perDaemon} x FDO_DAEMON_POOL_SIZE ${config.poolSize}`);
  if (!(mib(limit) >= needLimit))
    fail(
      `memory limit ${resources.limits?.memory} is below ${needLimit}Mi = ${WEB_SERVER_MIB} + ${perDaemon} x FDO_DAEMON_POOL_MAX_SIZE ${config.poolMaxSize} (a resize may start that many)`,
    );
  if (resources.requests?.cpu === undefined || resources.limits?.cpu === undefined)
    fail('the atomforge container needs a CPU request (the autoscaler counts against it) and limit');

  // --- probes on /health, sized per the pool's restart and start-up times
  const port = ((main.ports ?? []) as { name?: string; containerPort: number }[]).find((p) => p.containerPort === config.web.port);
  if (!port) fail(`no container port is PORT ${config.web.port}`);
  for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
    const probe = main[kind] as Probe | undefined;
    if (!probe?.httpGet) {
      fail(`${kind} must be an HTTP GET of /health`);
      continue;
    }
    if (probe.httpGet.path !== '/health') fail(`${kind} must GET /health, not ${probe.httpGet.path}`);
    if (probe.httpGet.port !== port?.name && probe.httpGet.port !== config.web.port) fail(`${kind} must use the web port ${config.web.port}`);
  }
  const windowS = (p: Probe | undefined) => (p?.periodSeconds ?? 10) * (p?.failureThreshold ?? 3);
  const restartCycleS = (config.restartBackoffCapMs + config.readyTimeoutMs + config.healthIntervalMs + config.restartDelayMs) / 1000;
  const liveness = windowS(main.livenessProbe as Probe);
  if (!(liveness > restartCycleS)) {
    fail(
      `livenessProbe gives up after ${liveness} s: it must wait longer than a daemon's slowest restart, ${restartCycleS} s (backoff cap + ready timeout + health interval + restart delay), or it kills pods whose daemons are restarting`,
    );
  }
  const startup = windowS(main.startupProbe as Probe);
  const startS = config.readyTimeoutMs / 1000 + WEB_START_S;
  if (!(startup >= startS)) fail(`startupProbe gives up after ${startup} s: start-up may take FDO_DAEMON_READY_TIMEOUT + ${WEB_START_S} s = ${startS} s`);

  // --- termination longer than a rolling restart's drain
  const preStop = (main.lifecycle as ILifecycle | undefined)?.preStop?.exec?.command;
  const pauseS = preStop && preStop[0] === 'sleep' ? Number(preStop[1]) : 0;
  const drainS = pauseS + config.poolSize * (config.requestTimeoutMs / 1000 + 1) + DAEMON_STOP_GRACE_S;
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  if (!(grace > drainS)) {
    fail(
      `terminationGracePeriodSeconds ${grace} must be longer than ${drainS} s: the preStop pause ${pauseS} s + FDO_DAEMON_POOL_SIZE ${config.poolSize} x (FDO_DAEMON_REQUEST_TIMEOUT ${config.requestTimeoutMs / 1000} s + 1 s) + ${DAEMON_STOP_GRACE_S} s stop grace`,
    );
  }

  // --- secrets come from Secrets
  for (const name of SECRET_SETTINGS) {
    const setting = env.get(name);
    const entry = (main.env ?? []).find((e) => e.name === name);
    if (setting && (setting.value !== null || !isObject(entry?.valueFrom?.secretKeyRef)))
      fail(`${name} must come from a Secret (secretKeyRef), not from ${setting.source}`);
    // a copy in a ConfigMap is readable by anyone who may read ConfigMaps, even where an env entry overrides it
    for (const cm of objects.filter((o) => o.kind === 'ConfigMap' && isObject(o.data) && name in o.data)) {
      fail(`${name} must come from a Secret (secretKeyRef), not from ${origin}: ConfigMap/${cm.metadata.name}`);
    }
  }
  if (!env.has('ATOMFORGE_ADMIN_TOKEN')) fail('ATOMFORGE_ADMIN_TOKEN must be read from a Secret (optional: true is fine)');

  // --- the library: one SQLite writer, or PostgreSQL shared by every pod
  const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler');
  const onePod = !hpa && (spec.replicas ?? 1) <= 1 && spec.strategy?.type === 'Recreate';
  if (!onePod && !env.has('DATABASE_URL')) {
    fail(
      'more than one pod can run at once (replicas, an autoscaler or a rolling update): the saved-forms library must be shared, so DATABASE_URL (PostgreSQL) must be set from a Secret',
    );
  }
  const dataDir = env.get('ATOMFORGE_DATA_DIR')?.value;
  if (onePod && !env.has('DATABASE_URL') && !(dataDir && volumeAt(dataDir)?.persistentVolumeClaim)) {
    fail('one pod with SQLite: ATOMFORGE_DATA_DIR must be a mounted PersistentVolumeClaim, or the library is lost with the pod');
  }

  // --- the other objects point at this Deployment and its pods
  const podLabels = (spec.template?.metadata?.labels ?? {}) as Record<string, string>;
  const selects = (selector: Record<string, string> | undefined) =>
    !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels[k] === v);
  if (!selects(spec.selector?.matchLabels)) fail('the Deployment selector does not match its pod labels');
  for (const o of objects) {
    if (o.kind === 'Service') {
      const s = (o.spec ?? {}) as IServiceSpec;
      if (!selects(s.selector)) fail(`Service/${o.metadata.name} does not select the pods`);
      for (const p of s.ports ?? [])
        if (p.targetPort !== port?.name && p.targetPort !== config.web.port) fail(`Service/${o.metadata.name} port ${p.port} does not target the web port`);
    }
    if (o.kind === 'PodDisruptionBudget' && !selects(((o.spec ?? {}) as IPodDisruptionBudgetSpec).selector?.matchLabels))
      fail(`PodDisruptionBudget/${o.metadata.name} does not select the pods`);
    if (o.kind === 'HorizontalPodAutoscaler') {
      const s = (o.spec ?? {}) as Partial<IHorizontalPodAutoscalerSpec>;
      if (s.scaleTargetRef?.kind !== 'Deployment' || s.scaleTargetRef?.name !== deployment.metadata.name)
        fail(`HorizontalPodAutoscaler/${o.metadata.name} does not scale the Deployment`);
      if (!(s.metrics ?? []).some((m) => m.type === 'Resource' && m.resource?.name === 'cpu'))
        fail(`HorizontalPodAutoscaler/${o.metadata.name} must scale on CPU`);
      if (spec.replicas !== undefined) fail('with an autoscaler the Deployment must not set replicas (each apply would reset the count)');
    }
    if (o.kind === 'PersistentVolumeClaim' && !volumes.some((v) => v.persistentVolumeClaim?.claimName === o.metadata.name))
      fail(`PersistentVolumeClaim/${o.metadata.name} is not mounted`);
  }
  return problems;
}
