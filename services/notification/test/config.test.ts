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
  });
});
