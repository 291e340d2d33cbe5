import { z } from 'zod';
import { env, loadConfig } from '@storefront/service-kit';

const shape = {
  PORT: env.port(7203),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: z.string().regex(/^mysql:\/\//, 'must be a mysql:// URL'),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL'),
  PRODUCT_SERVICE_URL: env.url().default('http://127.0.0.1:7202'),
  AUTH_PUBLIC_KEY: env.pem(),
  /** Signs this service's tokens for the product service's internal routes; the same value there. */
  SERVICE_TOKEN_SECRET: env.secret(),
  /** The session registry (revocations, current roles) the user service writes. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  SESSION_REGISTRY_PREFIX: env.sessionRegistryPrefix(),
  TRUST_PROXY: env.trustProxy(),
  /** The Secure flag of the cart cookies; `false` only for plain-http local runs. */
  COOKIE_SECURE: env.bool(true),
};

export const loadOrderServiceConfig = (source: NodeJS.ProcessEnv = process.env) => loadConfig(shape, source);
