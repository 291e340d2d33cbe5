import { expect, it } from 'vitest';
import { ConfigError } from '@storefront/service-kit';
import { loadProductServiceConfig } from '../src/entry-points/config.js';

it('when the environment is incomplete, start-up fails with one line naming every bad variable', () => {
  const load = () => loadProductServiceConfig({ DATABASE_URL: 'mysql://wrong', PORT: 'eighty' });

  expect(load).toThrow(ConfigError);
  expect(load).toThrow(
    /DATABASE_URL must be a postgres:\/\/ URL.*PORT.*REDIS_URL is missing.*AMQP_URL is missing/i,
  );
});

it('when only the required variables are set, the rest take their documented defaults', () => {
  const config = loadProductServiceConfig({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/storefront',
    REDIS_URL: 'redis://127.0.0.1:6379',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  });

  expect(config).toMatchObject({
    PORT: 7202,
    HOST: '127.0.0.1',
    REDIS_KEY_PREFIX: 'product:',
    LOG_LEVEL: 'info',
  });
});
