import { z } from 'zod';
import { env, loadConfig } from '@storefront/service-kit';

const shape = {
  PORT: env.port(7204),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('notification:'),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL'),
  AUTH_PUBLIC_KEY: env.pem(),
};

export const loadNotificationServiceConfig = (source: NodeJS.ProcessEnv = process.env) =>
  loadConfig(shape, source);

export type NotificationServiceConfig = ReturnType<typeof loadNotificationServiceConfig>;
