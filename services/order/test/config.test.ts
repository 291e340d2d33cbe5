import { expect, it } from 'vitest';
import { ConfigError } from '@storefront/service-kit';
import { createTestAuth } from '@storefront/testkit';
import { loadOrderServiceConfig } from '../src/entry-points/config.js';

it('when the environment is incomplete, start-up fails with one line naming every bad variable', () => {
  const load = () =>
    loadOrderServiceConfig({ DATABASE_URL: 'postgres://wrong', AUTH_PUBLIC_KEY: 'not a pem' });

  expect(load).toThrow(ConfigError);
  expect(load).toThrow(
    /DATABASE_URL must be a mysql:\/\/ URL.*AMQP_URL is missing.*AUTH_PUBLIC_KEY must be a PEM block/i,
  );
});

it('when the public key arrives with escaped newlines, it is read as a PEM and the defaults fill the rest', async () => {
  const { publicKey } = await createTestAuth();

  const config = loadOrderServiceConfig({
    DATABASE_URL: 'mysql://root@127.0.0.1:3306/storefront',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    AUTH_PUBLIC_KEY: publicKey.replace(/\n/g, '\\n'),
    SERVICE_TOKEN_SECRET: 'a-test-service-token-secret-of-40-characters',
    REDIS_URL: 'redis://127.0.0.1:6379',
  });

  expect(config).toMatchObject({
    PORT: 7203,
    PRODUCT_SERVICE_URL: 'http://127.0.0.1:7202',
    AUTH_PUBLIC_KEY: publicKey,
  });
});
