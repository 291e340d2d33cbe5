import { expect, it } from 'vitest';
import { ConfigError } from '@storefront/service-kit';
import { createTestAuth } from '@storefront/testkit';
import { loadNotificationServiceConfig } from '../src/entry-points/config.js';

it('when the environment is incomplete, start-up fails with one line naming every bad variable', () => {
  const load = () =>
    loadNotificationServiceConfig({
      REDIS_URL: 'http://wrong',
      PORT: 'eighty',
      AUTH_PUBLIC_KEY: 'not a pem',
    });

  expect(load).toThrow(ConfigError);
  expect(load).toThrow(
    /PORT.*REDIS_URL must be a redis:\/\/ URL.*AMQP_URL is missing.*AUTH_PUBLIC_KEY must be a PEM block/i,
  );
});

it('when only the required variables are set, the rest take their documented defaults', async () => {
  const { publicKey } = await createTestAuth();

  const config = loadNotificationServiceConfig({
    REDIS_URL: 'redis://127.0.0.1:6379',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    AUTH_PUBLIC_KEY: publicKey.replace(/\n/g, '\\n'),
  });

  expect(config).toEqual({
    PORT: 7204,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: 'notification:',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    AUTH_PUBLIC_KEY: publicKey,
    MAIL_FROM: 'Storefront <no-reply@storefront.local>',
    GATEWAY_URL: 'http://localhost:8080',
    NOTIFICATION_RATE_LIMIT_PER_MINUTE: 10,
    SESSION_REGISTRY_PREFIX: 'storefront:sessions:',
    TRUST_PROXY: ['loopback'],
  });
  // No SMTP server or SMS provider: both channels go to the local sink.
  expect(config.SMTP_URL).toBeUndefined();
  expect(config.SMS_PROVIDER_URL).toBeUndefined();
});

const required = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  AUTH_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----',
};

it('when the delivery variables are set, the service reads the mail server, the SMS provider and the limit', () => {
  const config = loadNotificationServiceConfig({
    ...required,
    SMTP_URL: 'smtp://127.0.0.1:1025',
    MAIL_FROM: 'Shop <shop@example.test>',
    SMS_PROVIDER_URL: 'https://sms.example.test/messages',
    SMS_PROVIDER_TOKEN: 'secret',
    NOTIFICATION_RATE_LIMIT_PER_MINUTE: '3',
  });

  expect(config).toMatchObject({
    SMTP_URL: 'smtp://127.0.0.1:1025',
    MAIL_FROM: 'Shop <shop@example.test>',
    SMS_PROVIDER_URL: 'https://sms.example.test/messages',
    SMS_PROVIDER_TOKEN: 'secret',
    NOTIFICATION_RATE_LIMIT_PER_MINUTE: 3,
  });
});

it('when a delivery variable is empty, it counts as unset', () => {
  const config = loadNotificationServiceConfig({ ...required, SMTP_URL: '', SMS_PROVIDER_URL: '' });

  expect(config.SMTP_URL).toBeUndefined();
  expect(config.SMS_PROVIDER_URL).toBeUndefined();
});

it('when a delivery variable is wrong, start-up fails naming it', () => {
  expect(() =>
    loadNotificationServiceConfig({
      ...required,
      SMTP_URL: 'http://mail.example.test',
      NOTIFICATION_RATE_LIMIT_PER_MINUTE: 'lots',
    }),
  ).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ url.*NOTIFICATION_RATE_LIMIT_PER_MINUTE/i);
  expect(() =>
    loadNotificationServiceConfig({ ...required, SMS_PROVIDER_URL: 'https://sms.example.test' }),
  ).toThrow(/SMS_PROVIDER_TOKEN is missing/);
});
