import { z } from 'zod';
import { ConfigError, env, loadConfig } from '@storefront/service-kit';

/** An unset variable and an empty one (`SMTP_URL=` in an env file) both mean "not configured". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const shape = {
  PORT: env.port(7204),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('notification:'),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL'),
  AUTH_PUBLIC_KEY: env.pem(),
  SESSION_REGISTRY_PREFIX: env.sessionRegistryPrefix(),
  TRUST_PROXY: env.trustProxy(),
  /** Unset: emails go to the local sink (log + Redis) instead of a mail server. */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/[^/]+/, 'must be an smtp:// or smtps:// URL')),
  MAIL_FROM: z.string().min(3).max(200).default('Storefront <no-reply@storefront.local>'),
  /** Unset: text messages go to the local sink (log + Redis). */
  SMS_PROVIDER_URL: optional(z.string().regex(/^https?:\/\/[^/]+/, 'must be an http:// or https:// URL')),
  SMS_PROVIDER_TOKEN: optional(z.string()),
  /** The shop's public address: the links in emails (a password reset) point there. */
  GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'must be an http:// or https:// URL')
    .default('http://localhost:8080'),
  NOTIFICATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
};

export const loadNotificationServiceConfig = (source: NodeJS.ProcessEnv = process.env) => {
  const config = loadConfig(shape, source);
  if (config.SMS_PROVIDER_URL && !config.SMS_PROVIDER_TOKEN) {
    throw new ConfigError('invalid configuration: SMS_PROVIDER_TOKEN is missing (SMS_PROVIDER_URL needs it)');
  }
  return config;
};

export type NotificationServiceConfig = ReturnType<typeof loadNotificationServiceConfig>;
