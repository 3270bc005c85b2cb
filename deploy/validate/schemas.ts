/**
 * Validates rendered objects against the Kubernetes API's OpenAPI schemas, through the
 * model classes of `kubernetes-models` (their validate() runs the schema compiled with ajv:
 * types, required fields, enums, formats such as int-or-string and quantities).
 *
 * Only the kinds below are accepted: a kind or API version without a schema here (a typo,
 * or a removed API such as autoscaling/v2beta2) is a problem, not a pass.
 */
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import type { K8sObject } from './render';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/** "apiVersion Kind" → the model class and the module declaring its interface (fields.ts) */
const MODELS: Record<string, { model: ModelClass; module: string }> = {
  'apps/v1 Deployment': { model: Deployment, module: 'kubernetes-models/apps/v1' },
  'autoscaling/v2 HorizontalPodAutoscaler': { model: HorizontalPodAutoscaler, module: 'kubernetes-models/autoscaling/v2' },
  'policy/v1 PodDisruptionBudget': { model: PodDisruptionBudget, module: 'kubernetes-models/policy/v1' },
  'v1 ConfigMap': { model: ConfigMap, module: 'kubernetes-models/v1' },
  'v1 PersistentVolumeClaim': { model: PersistentVolumeClaim, module: 'kubernetes-models/v1' },
  'v1 Secret': { model: Secret, module: 'kubernetes-models/v1' },
  'v1 Service': { model: Service, module: 'kubernetes-models/v1' },
};

/** the kinds this validator has schemas for, as "apiVersion Kind" */
export const KNOWN_KINDS = Object.keys(MODELS);

/** where the TypeScript interface of a kind lives (`I<Kind>` in that module); null for an unknown kind */
export function typeModule(object: K8sObject): string | null {
  return MODELS[`${object.apiVersion} ${object.kind}`]?.module ?? null;
}

/** what is wrong with one object by the API schema; empty when it is valid */
export function schemaProblems(object: K8sObject): string[] {
  const key = `${object.apiVersion} ${object.kind}`;
  const name = `${object.kind}/${object.metadata?.name ?? '?'}`;
  const Model = MODELS[key]?.model;
  if (!Model) return [`${name}: no schema for ${key} (known: ${KNOWN_KINDS.join(', ')})`];
  try {
    new Model(object as never).validate();
    return [];
  } catch (err) {
    // ajv's message lists every failing path, e.g. "data/spec/replicas must be integer"
    return String((err as Error).message)
      .split(/,\s*(?=data[/ ])/)
      .map((line) => `${name}: ${line.trim()}`);
  }
}
