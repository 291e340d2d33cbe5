// Renders the kustomize overlays with kubectl (offline) and validates every object twice: against the Kubernetes
// OpenAPI schemas compiled into `kubernetes-models` (types, required fields, enums) and field by field against the
// API's model of each type from `@kubernetes/client-node`, so an unknown field (a typo) fails instead of being
// silently dropped by the API server.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as models from '@kubernetes/client-node/dist/gen/models/all.js';
import { parseAllDocuments } from 'yaml';
import { read, root } from './repo.js';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

function kubectl(args: string[]): string {
  return execFileSync('kubectl', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/** kustomize ≥ v4 (kubectl ≥ 1.21): the overlays use `patches`, `labels` and `envs`. */
export function kustomizeVersion(): string {
  const output = kubectl(['version', '--client', '--output=json']);
  return (JSON.parse(output) as { kustomizeVersion?: string }).kustomizeVersion ?? 'unknown';
}

export function parseYamlStream(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(document.errors.map(String).join('\n'));
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

/**
 * `kubectl kustomize` of a folder under k8s/, in a copy of k8s/ where `files` (the gitignored secret files of
 * prod, for instance) are written first.
 */
export function render(overlay: string, files: Record<string, string> = {}): K8sObject[] {
  const work = mkdtempSync(join(tmpdir(), 'sf-kustomize-'));
  try {
    cpSync(join(root, 'k8s'), join(work, 'k8s'), { recursive: true });
    for (const [path, content] of Object.entries(files)) writeFileSync(join(work, 'k8s', path), content);
    return parseYamlStream(kubectl(['kustomize', join(work, 'k8s', overlay)])).map(unfoldSecretData);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * kustomize writes long Secret values as base64 folded over several lines; the API server's decoder skips the
 * newlines, the JSON schema's `byte` format does not: compare what the API server would store.
 */
function unfoldSecretData(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  const data = object.data as Record<string, string>;
  return {
    ...object,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.replace(/\s+/g, '')])),
  };
}

/** The gitignored files of the prod overlay as the deploy job writes them: secrets.env.example's values, a new key pair. */
export function prodSecretFiles(): Record<string, string> {
  const keys = generateKeyPairSync('ed25519');
  return {
    'overlays/prod/secrets.env': read('k8s/overlays/prod/secrets.env.example'),
    'overlays/prod/auth-private.pem': keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'overlays/prod/auth-public.pem': keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

// ---- schema validation (kubernetes-models) ----

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const modelCache = new Map<string, ModelClass>();

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass> {
  const key = `${apiVersion}/${kind}`;
  const cached = modelCache.get(key);
  if (cached) return cached;
  const module = (await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}/${kind}`)) as Record<
    string,
    ModelClass
  >;
  const model = module[kind];
  if (!model) throw new Error(`kubernetes-models has no ${key}`);
  modelCache.set(key, model);
  return model;
}

/** The schema errors of one object (empty when valid). */
export async function schemaErrors(object: K8sObject): Promise<string[]> {
  let Model: ModelClass;
  try {
    Model = await modelFor(object.apiVersion, object.kind);
  } catch (error) {
    return [`unknown type ${object.apiVersion} ${object.kind}: ${String(error)}`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [String(error instanceof Error ? error.message : error)];
  }
}

// ---- strict field check (@kubernetes/client-node's models) ----

interface Attribute {
  baseName: string;
  type: string;
}
type ModelWithAttributes = { getAttributeTypeMap(): Attribute[] };
const apiModels = models as unknown as Record<string, ModelWithAttributes | undefined>;

/** `apps/v1` + `Deployment` → `V1Deployment`; `autoscaling/v2` + `HorizontalPodAutoscaler` → `V2Horizontal…`. */
function apiModelName(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop()!;
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

const scalarTypes = new Set([
  'string',
  'number',
  'boolean',
  'Date',
  'IntOrString',
  'any',
  'object',
  'RequestBody',
]);

function checkValue(value: unknown, type: string, path: string, errors: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) errors.push(`${path}: expected a list`);
    else value.forEach((item, index) => checkValue(item, array[1]!, `${path}[${index}]`, errors));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== 'object' || Array.isArray(value)) errors.push(`${path}: expected a map`);
    else for (const [key, item] of Object.entries(value)) checkValue(item, map[1]!, `${path}.${key}`, errors);
    return;
  }
  if (scalarTypes.has(type)) return;
  const model = apiModels[type];
  if (!model) return; // an enum-like alias the client models as a string
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`${path}: expected an object (${type})`);
    return;
  }
  const attributes = new Map(model.getAttributeTypeMap().map((attribute) => [attribute.baseName, attribute]));
  for (const [field, item] of Object.entries(value)) {
    const attribute = attributes.get(field);
    if (!attribute) {
      errors.push(`${path}.${field}: unknown field (${type} has ${[...attributes.keys()].join(', ')})`);
      continue;
    }
    checkValue(item, attribute.type, `${path}.${field}`, errors);
  }
}

/** Unknown fields anywhere in the object, by the API's own model of its type. */
export function unknownFieldErrors(object: K8sObject): string[] {
  const type = apiModelName(object.apiVersion, object.kind);
  if (!apiModels[type]) return [`no API model ${type} for ${object.apiVersion} ${object.kind}`];
  const errors: string[] = [];
  checkValue(object, type, `${object.kind}/${object.metadata?.name}`, errors);
  return errors;
}

export async function validationErrors(object: K8sObject): Promise<string[]> {
  return [...(await schemaErrors(object)), ...unknownFieldErrors(object)];
}

// ---- reading rendered objects ----

export const byKind = <T = K8sObject>(objects: K8sObject[], kind: string): T[] =>
  objects.filter((object) => object.kind === kind) as unknown as T[];

export interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string; optional?: boolean };
      configMapKeyRef?: { name: string; key: string; optional?: boolean };
    };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  args?: string[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    runAsNonRoot?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface Probe {
  httpGet?: { path: string; port: number | string };
  exec?: { command: string[] };
}

export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    containers: Container[];
    volumes?: { name: string; emptyDir?: unknown; persistentVolumeClaim?: unknown }[];
    securityContext?: {
      runAsNonRoot?: boolean;
      runAsUser?: number;
      seccompProfile?: { type: string };
    };
    terminationGracePeriodSeconds?: number;
    enableServiceLinks?: boolean;
    automountServiceAccountToken?: boolean;
  };
}

export interface Workload extends K8sObject {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    strategy?: {
      type?: string;
      rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
    };
    template: PodTemplate;
  };
}

/** The environment a container gets, with ConfigMap and Secret references resolved from the rendered objects. */
export function containerEnvironment(
  container: Container,
  objects: K8sObject[],
): { env: Record<string, string>; problems: string[] } {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  const find = (kind: string, name: string) =>
    objects.find((object) => object.kind === kind && object.metadata.name === name) as
      (K8sObject & { data?: Record<string, string> }) | undefined;
  const secretValue = (name: string, key: string, optional = false) => {
    const secret = find('Secret', name);
    if (!secret) return void problems.push(`Secret ${name} does not exist`);
    const value = secret.data?.[key];
    if (value === undefined) {
      if (!optional) problems.push(`Secret ${name} has no key ${key}`);
      return undefined;
    }
    return Buffer.from(value, 'base64').toString('utf8');
  };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const configMap = find('ConfigMap', source.configMapRef.name);
      if (!configMap) problems.push(`ConfigMap ${source.configMapRef.name} does not exist`);
      Object.assign(env, configMap?.data ?? {});
    }
    if (source.secretRef) {
      const secret = find('Secret', source.secretRef.name);
      if (!secret) problems.push(`Secret ${source.secretRef.name} does not exist`);
      for (const key of Object.keys(secret?.data ?? {})) env[key] = secretValue(source.secretRef.name, key)!;
    }
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    const secretRef = variable.valueFrom?.secretKeyRef;
    if (secretRef) {
      const value = secretValue(secretRef.name, secretRef.key, secretRef.optional);
      if (value !== undefined) env[variable.name] = value;
    }
    const configRef = variable.valueFrom?.configMapKeyRef;
    if (configRef) {
      const value = find('ConfigMap', configRef.name)?.data?.[configRef.key];
      if (value === undefined && !configRef.optional)
        problems.push(`ConfigMap ${configRef.name} lacks ${configRef.key}`);
      if (value !== undefined) env[variable.name] = value;
    }
  }
  return { env, problems };
}

/** Names of the variables a container is given (values or references), without resolving anything. */
export function containerEnvNames(container: Container, objects: K8sObject[]): string[] {
  return Object.keys(containerEnvironment(container, objects).env).concat(
    (container.env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef?.optional).map((v) => v.name),
  );
}
