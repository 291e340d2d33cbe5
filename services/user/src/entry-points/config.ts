import { z } from 'zod';
import { ConfigError, env, loadConfig } from '@storefront/service-kit';

const shape = {
  PORT: env.port(7201),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL'),
  AUTH_PRIVATE_KEY: env.pem(),
  AUTH_PUBLIC_KEY: env.pem(),
  /** The session registry: revocations and role changes are written there for every other service. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  SESSION_REGISTRY_PREFIX: env.sessionRegistryPrefix(),
  TRUST_PROXY: env.trustProxy(),
  COOKIE_SECURE: env.bool(true),
  SEED_EDITOR_EMAIL: z.email().optional(),
  SEED_EDITOR_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(200).optional(),
  SEED_EDITOR_NAME: z.string().min(1).max(100).default('Editor'),
  SEED_ADMIN_EMAIL: z.email().optional(),
  SEED_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').max(200).optional(),
  SEED_ADMIN_NAME: z.string().min(1).max(100).default('Admin'),
};

export type UserServiceConfig = ReturnType<typeof loadUserServiceConfig>;

export function loadUserServiceConfig(source: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(shape, source);
  if (Boolean(config.SEED_EDITOR_EMAIL) !== Boolean(config.SEED_EDITOR_PASSWORD)) {
    throw new ConfigError(
      'invalid configuration: SEED_EDITOR_EMAIL and SEED_EDITOR_PASSWORD must be set together',
    );
  }
  if (Boolean(config.SEED_ADMIN_EMAIL) !== Boolean(config.SEED_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'invalid configuration: SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD must be set together',
    );
  }
  return config;
}
