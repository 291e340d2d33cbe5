import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { trustProxySchema } from './trust.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once at start-up. Every bad or missing variable is named in one line, so
 * an operator sees at a glance what to fix instead of a stack trace from deep inside a driver.
 */
export function loadConfig<S extends z.ZodRawShape>(
  shape: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) {
    if (source.NODE_ENV === 'production') refuseDevSecrets(Object.keys(shape), source);
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = source[variable];
    return value === undefined ? `${variable} is missing` : `${variable} ${issue.message.toLowerCase()}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

const pemPattern = /^-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----\s*$/;

/** Field builders shared by every server's config schema, so the same variable means the same thing everywhere. */
export const env = {
  port: (defaultPort: number) => z.coerce.number().int().min(0).max(65535).default(defaultPort),
  host: () => z.string().min(1).default('127.0.0.1'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  url: () => z.url(),
  bool: (defaultValue: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(defaultValue ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  // PEMs travel through env files with escaped newlines; accept both forms.
  pem: () =>
    z
      .string()
      .transform((value) => value.replace(/\\n/g, '\n'))
      .pipe(z.string().regex(pemPattern, 'must be a PEM block')),
  /** A secret shared between services, e.g. SERVICE_TOKEN_SECRET. */
  secret: () => z.string().min(32, 'must be at least 32 characters'),
  trustProxy: () => trustProxySchema(),
  /** The Redis key prefix of the session registry: the same in every service. */
  sessionRegistryPrefix: () => z.string().min(1).max(100).default('storefront:sessions:'),
};

/** The placeholders of .env.example (`change-me…`, `CHANGE_ME…`) and of the dev Kubernetes overlay (`dev-only…`). */
const placeholder = /change[-_ ]?me|dev[-_ ]?only/i;

/** SHA-256 of the SPKI of committed key pairs (the dev overlay's DEV-ONLY-auth-*.pem): known to everyone. */
const publicKeyFingerprints = new Set(['3-eBF6BBrSxAdc6x5lgK3ARwgIQfiYUZvOT2JgBIVLU']);

function keyFingerprint(pem: string): string | null {
  try {
    const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    return createHash('sha256')
      .update(key.export({ type: 'spki', format: 'der' }))
      .digest('base64url');
  } catch {
    return null;
  }
}

/**
 * In production a placeholder or a committed key is as good as no secret: whoever read the repository knows it.
 * Refuses to start, naming every variable that carries one.
 */
export function refuseDevSecrets(variables: readonly string[], source: NodeJS.ProcessEnv): void {
  const known = variables.filter((variable) => {
    const value = source[variable];
    if (!value) return false;
    if (placeholder.test(value)) return true;
    if (!value.includes('-----BEGIN')) return false;
    const fingerprint = keyFingerprint(value.replace(/\\n/g, '\n'));
    return fingerprint !== null && publicKeyFingerprints.has(fingerprint);
  });
  if (known.length > 0) {
    throw new ConfigError(
      `invalid configuration: ${known.join(', ')} ${known.length === 1 ? 'holds' : 'hold'} a placeholder or ` +
        'development secret, refused with NODE_ENV=production: set a real secret',
    );
  }
}
