/**
 * The environment a rendered Deployment gives its containers: `envFrom` ConfigMaps first,
 * then `env` entries, which win (the kubelet's order). A value from a Secret is not known
 * here and is null.
 */
import { isObject, type K8sObject } from './render';

export interface EnvSetting {
  name: string;
  /** null: it comes from a Secret (or another source not in the manifests) */
  value: string | null;
  /** where it is set, e.g. "replicas: ConfigMap/atomforge-pool-abc" */
  source: string;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string }; prefix?: string }[];
  [key: string]: unknown;
}

/** the pod template's containers and init containers of a Deployment */
export function podContainers(deployment: K8sObject): { containers: ContainerSpec[]; initContainers: ContainerSpec[] } {
  const spec = (deployment.spec as { template?: { spec?: { containers?: ContainerSpec[]; initContainers?: ContainerSpec[] } } }).template?.spec;
  return { containers: spec?.containers ?? [], initContainers: spec?.initContainers ?? [] };
}

/** every variable of one container, with its value as far as the manifests know it */
export function containerEnv(container: ContainerSpec, objects: K8sObject[], origin: string): Map<string, EnvSetting> {
  const env = new Map<string, EnvSetting>();
  const configMap = (name: string) => objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = configMap(from.configMapRef.name);
      if (!cm) throw new Error(`${origin}: container ${container.name} reads ConfigMap ${from.configMapRef.name}, which the overlay does not create`);
      const data = isObject(cm.data) ? cm.data : {};
      for (const [name, value] of Object.entries(data))
        env.set(prefix + name, { name: prefix + name, value: String(value), source: `${origin}: ConfigMap/${cm.metadata.name}` });
    }
    if (from.secretRef)
      throw new Error(
        `${origin}: container ${container.name} takes a whole Secret (${from.secretRef.name}) as environment: name each variable instead, so it can be checked`,
      );
  }
  for (const entry of container.env ?? []) {
    const source = `${origin}: Deployment container ${container.name}`;
    if (entry.value !== undefined) env.set(entry.name, { name: entry.name, value: entry.value, source });
    else if (isObject(entry.valueFrom?.configMapKeyRef)) {
      const ref = entry.valueFrom.configMapKeyRef as { name: string; key: string };
      const cm = configMap(ref.name);
      const value = cm && isObject(cm.data) ? cm.data[ref.key] : undefined;
      env.set(entry.name, { name: entry.name, value: value === undefined ? null : String(value), source });
    } else env.set(entry.name, { name: entry.name, value: null, source });
  }
  return env;
}
