// compose.yaml as `docker compose` sees it: YAML with merge keys, then ${VARIABLE} interpolation from .env.
import { generateKeyPairSync } from 'node:crypto';
import { parse } from 'yaml';
import { parseEnvFile, read } from './repo.js';

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: (string | number)[];
  volumes?: string[];
  networks?: string[];
  read_only?: boolean;
  user?: string;
  cap_drop?: string[];
  security_opt?: string[];
  tmpfs?: string[];
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { internal?: boolean } | null>;
}

export const composeText = () => read('compose.yaml');

/** Every `${NAME…}` the file interpolates. */
export function composeVariables(text = composeText()): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!));
}

/** The values of `cp .env.example .env` plus a key pair made as .env.example says. */
export function exampleEnvironment(): Map<string, string> {
  const values = parseEnvFile(read('.env.example'));
  const keys = generateKeyPairSync('ed25519');
  values.set('AUTH_PRIVATE_KEY', keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim());
  values.set('AUTH_PUBLIC_KEY', keys.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim());
  return values;
}

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
export function interpolate(text: string, values: Map<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (
      whole,
      name: string | undefined,
      colon: string | undefined,
      operator: string | undefined,
      arg: string | undefined,
    ) => {
      if (whole === '$$') return '$';
      const value = values.get(name!);
      const missing = value === undefined || (colon === ':' && value === '');
      if (!missing) return value!;
      if (operator === '-') return arg ?? '';
      if (operator === '?') throw new Error(`compose: ${name} is required: ${arg}`);
      return '';
    },
  );
}

/** Parses the YAML (merge keys resolved) and interpolates every string in it, as compose does. */
export function loadCompose(values = exampleEnvironment()): ComposeFile {
  const document = parse(composeText(), { merge: true }) as unknown;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return interpolate(node, values);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
    }
    return node;
  };
  const file = walk(document) as ComposeFile;
  // x-… keys are extension fields (anchors); compose ignores them after merging.
  return Object.fromEntries(
    Object.entries(file).filter(([key]) => !key.startsWith('x-')),
  ) as unknown as ComposeFile;
}

/** `environment:` as strings (a map in this file; compose also accepts a list of KEY=value). */
export function serviceEnvironment(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]),
  );
}
