import { expect, it } from 'vitest';
import { ConfigError } from '@storefront/service-kit';
import { createTestAuth } from '@storefront/testkit';
import { loadProductServiceConfig } from '../src/entry-points/config.js';

it('when the environment is incomplete, start-up fails with one line naming every bad variable', () => {
  const load = () => loadProductServiceConfig({ DATABASE_URL: 'mysql://wrong', PORT: 'eighty' });

  expect(load).toThrow(ConfigError);
  expect(load).toThrow(
    /DATABASE_URL must be a postgres:\/\/ URL.*PORT.*REDIS_URL is missing.*AMQP_URL is missing.*AUTH_PUBLIC_KEY is missing/i,
  );
});

it('when only the required variables are set, the rest take their documented defaults', async () => {
  const { publicKey } = await createTestAuth();
  const config = loadProductServiceConfig({
    AUTH_PUBLIC_KEY: publicKey.replace(/\n/g, '\\n'),
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/storefront',
    REDIS_URL: 'redis://127.0.0.1:6379',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    SERVICE_TOKEN_SECRET: 'a-service-token-secret-of-forty-characters',
  });

  expect(config).toMatchObject({
    SESSION_REGISTRY_PREFIX: 'storefront:sessions:',
    TRUST_PROXY: ['loopback'],
    PORT: 7202,
    HOST: '127.0.0.1',
    REDIS_KEY_PREFIX: 'product:',
    LOG_LEVEL: 'info',
    COOKIE_SECURE: true,
    AUTH_PUBLIC_KEY: publicKey,
  });
  expect(config.PREVIEW_SECRET).toBeUndefined();
});

it('when the preview secret is too short to be a secret, start-up fails naming it', async () => {
  const { publicKey } = await createTestAuth();
  const load = () =>
    loadProductServiceConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/storefront',
      REDIS_URL: 'redis://127.0.0.1:6379',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      AUTH_PUBLIC_KEY: publicKey,
      PREVIEW_SECRET: 'short',
    });

  expect(load).toThrow(/PREVIEW_SECRET must be at least 32 characters/);
});

it('when NODE_ENV=production and a secret is the dev overlay placeholder, start-up fails naming it', async () => {
  const { publicKey } = await createTestAuth();
  const load = () =>
    loadProductServiceConfig({
      NODE_ENV: 'production',
      AUTH_PUBLIC_KEY: publicKey,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/storefront',
      REDIS_URL: 'redis://:dev-only-redis@redis:6379',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      SERVICE_TOKEN_SECRET: 'change-me-service-token-secret-32-characters',
    });

  expect(load).toThrow(/REDIS_URL, SERVICE_TOKEN_SECRET hold a placeholder or development secret/);
});
