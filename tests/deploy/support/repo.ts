// What the deploy tests know about the repo: where it is, its deployables and what each one reads from the
// environment (taken from its own source, so a renamed variable shows up here as a failure, not in production).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const read = (path: string) => readFileSync(join(root, path), 'utf8');
export const exists = (path: string) => existsSync(join(root, path));

export interface Deployable {
  /** The name in docs/conventions.md's port table. */
  conventionName: string;
  /** Folder with its package.json / source and its Dockerfile. */
  dir: string;
  /** Compose service, Kubernetes Deployment and Service name. */
  name: string;
  /** Image repository: storefront-<image> (compose, k8s, CI matrix). */
  image: string;
  /** The address variable the other parts use for it. */
  urlEnv: string;
  kind: 'gateway' | 'layout' | 'podlet' | 'service';
  /** Source files whose environment reads define its configuration. */
  sources: string[];
  /** The variables holding its own listen address and port. */
  hostEnv: string;
  portEnv: string;
}

const service = (folder: string, conventionName: string, urlEnv: string): Deployable => ({
  conventionName,
  dir: `services/${folder}`,
  name: `${folder}-service`,
  image: folder,
  urlEnv,
  kind: 'service',
  sources: [`services/${folder}/src`],
  hostEnv: 'HOST',
  portEnv: 'PORT',
});
const podlet = (name: string, conventionName: string, urlEnv: string): Deployable => ({
  conventionName,
  dir: `fragments/${name}`,
  name,
  image: name,
  urlEnv,
  kind: 'podlet',
  sources: [`fragments/${name}/src`],
  hostEnv: 'HOST',
  portEnv: 'PORT',
});

export const deployables: Deployable[] = [
  {
    conventionName: 'gateway (nginx)',
    dir: 'nginx',
    name: 'gateway',
    image: 'gateway',
    urlEnv: 'GATEWAY_URL',
    kind: 'gateway',
    sources: ['nginx/render.mjs'],
    hostEnv: 'GATEWAY_HOST',
    portEnv: 'GATEWAY_PORT',
  },
  {
    conventionName: 'layout (Next.js)',
    dir: 'layout',
    name: 'layout',
    image: 'layout',
    urlEnv: 'LAYOUT_URL',
    kind: 'layout',
    sources: ['layout/src', 'layout/next.config.ts'],
    hostEnv: 'HOST',
    portEnv: 'PORT',
  },
  podlet('user-dashboard', 'user-dashboard podlet (Angular)', 'USER_DASHBOARD_URL'),
  podlet('product-catalog', 'product-catalog podlet (Vue)', 'PRODUCT_CATALOG_URL'),
  podlet('order-management', 'order-management podlet (Solid)', 'ORDER_MANAGEMENT_URL'),
  service('user', 'user service', 'USER_SERVICE_URL'),
  service('product', 'product service', 'PRODUCT_SERVICE_URL'),
  service('order', 'order service', 'ORDER_SERVICE_URL'),
  service('notification', 'notification service', 'NOTIFICATION_SERVICE_URL'),
];

/** docs/conventions.md's table "part | port | env for its address": the contract the manifests must follow. */
export function conventionPorts(): Map<string, { port: number; urlEnv: string }> {
  const table = new Map<string, { port: number; urlEnv: string }>();
  for (const line of read('docs/conventions.md').split('\n')) {
    const match = /^\|\s*([^|]+?)\s*\|\s*(\d+)\s*\|\s*`([A-Z_]+)`\s*\|$/.exec(line);
    if (match) table.set(match[1]!, { port: Number(match[2]), urlEnv: match[3]! });
  }
  return table;
}

export function portOf(deployable: Deployable): number {
  const entry = conventionPorts().get(deployable.conventionName);
  if (!entry) throw new Error(`docs/conventions.md has no port for "${deployable.conventionName}"`);
  return entry.port;
}

function sourceFiles(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|mts|mjs|js)$/.test(file) && !file.includes('node_modules'))
    .filter((file) => statSync(join(full, file)).isFile())
    .map((file) => relative(root, join(full, file)));
}

/** Variables always fine to set on a Node container although no source file names them. */
const runtimeVariables = ['NODE_ENV', 'NODE_OPTIONS', 'TZ', 'NEXT_TELEMETRY_DISABLED'];

export interface EnvUsage {
  /** Every variable the deployable's source reads. */
  reads: Set<string>;
  /** Read without a default: a container that lacks one does not start. */
  required: Set<string>;
}

/**
 * The variables a deployable reads, from its source: `process.env.X`, `env.X` (nginx/render.mjs), podlet and
 * service tables (`urlEnv: 'X'`) and the keys of `loadConfig({ X: env.…() })` shapes.
 */
export function envUsage(deployable: Deployable): EnvUsage {
  const reads = new Set<string>();
  const required = new Set<string>();
  for (const file of deployable.sources.flatMap(sourceFiles)) {
    const text = read(file);
    for (const pattern of [
      /process\.env\.([A-Z][A-Z0-9_]*)\b/g,
      /process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
      /\benv\.([A-Z][A-Z0-9_]*)\b/g,
      /urlEnv:\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
    ]) {
      for (const match of text.matchAll(pattern)) reads.add(match[1]!);
    }
    // A config shape: `NAME: env.pem(),`, `NAME: z.string()…` (its chain may start on the next line), `NAME:
    // postgresUrl(),` (also on one line).
    if (/loadConfig\s*\(/.test(text) || /config\.ts$/.test(file)) {
      for (const match of text.matchAll(/\b([A-Z][A-Z0-9_]*):\s*(?=env\.|z\s*\.|[a-z][A-Za-z]*\()/g)) {
        const rest = text.slice(match.index + match[0].length);
        const end = rest.search(/,?\s*(\/\*\*.*?\*\/\s*)?\b[A-Z][A-Z0-9_]*:\s|\n\s*\}|\}\s*\)/);
        const definition = end === -1 ? rest : rest.slice(0, end);
        reads.add(match[1]!);
        const hasDefault =
          /\.default\(|\.optional\(\)|^optional\(/.test(definition) ||
          /^env\.(port|host|logLevel|bool|sessionRegistryPrefix|trustProxy)\(/.test(definition);
        if (!hasDefault) required.add(match[1]!);
      }
    }
  }
  // Addresses of the other parts default to loopback, which is wrong in any container: set every one of them.
  const addresses = new Set(deployables.map((other) => other.urlEnv));
  for (const name of reads) if (addresses.has(name)) required.add(name);
  // Session keys: without one a part runs but every visitor looks signed out.
  for (const name of reads) if (/^AUTH_[A-Z]+_KEY$/.test(name)) required.add(name);
  // Its own address variable is for the others (GATEWAY_URL read by the layout is another matter).
  if (deployable.kind !== 'layout') required.delete(deployable.urlEnv);
  return { reads, required };
}

/** What a container of this deployable may be given: what it reads, plus runtime basics. */
export function allowedEnv(deployable: Deployable): Set<string> {
  return new Set([
    ...envUsage(deployable).reads,
    ...runtimeVariables,
    deployable.hostEnv,
    deployable.portEnv,
  ]);
}

/** A `.env`-style file: KEY=value lines, # comments, optional quotes ("…" with \n escapes). */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!.trim();
    if (value.startsWith('"') && value.endsWith('"')) value = JSON.parse(value) as string;
    else if (value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    values.set(match[1]!, value);
  }
  return values;
}
