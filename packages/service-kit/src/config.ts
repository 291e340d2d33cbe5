import { z } from 'zod';

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
  if (result.success) return result.data;
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
};
