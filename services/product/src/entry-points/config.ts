import { z } from 'zod';
import { env, loadConfig } from '@storefront/service-kit';

const postgresUrl = () => z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

const databaseShape = {
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: postgresUrl(),
};

const serverShape = {
  ...databaseShape,
  PORT: env.port(7202),
  HOST: env.host(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('product:'),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL'),
  AUTH_PUBLIC_KEY: env.pem(),
  /** Verifies the order service's tokens on the internal routes; the same value in the order service. */
  SERVICE_TOKEN_SECRET: env.secret(),
  SESSION_REGISTRY_PREFIX: env.sessionRegistryPrefix(),
  TRUST_PROXY: env.trustProxy(),
  /** Signs preview tokens; shared by every replica. Unset, each process makes its own (fine for one process). */
  PREVIEW_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  COOKIE_SECURE: env.bool(true),
  /** `off` reads every product from PostgreSQL: only to measure the Redis cache (npm run bench). */
  PRODUCT_CACHE: z.enum(['on', 'off']).default('on'),
};

export const loadProductServiceConfig = (source: NodeJS.ProcessEnv = process.env) =>
  loadConfig(serverShape, source);

/** `npm run seed` needs only the database. */
export const loadSeedConfig = (source: NodeJS.ProcessEnv = process.env) => loadConfig(databaseShape, source);
