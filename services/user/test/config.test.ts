import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@storefront/service-kit';
import { createTestAuth } from '@storefront/testkit';
import { loadUserServiceConfig } from '../src/entry-points/config.js';

const pem = (kind: string) => `-----BEGIN ${kind}-----\\nMCowBQYDK2VwAyEA\\n-----END ${kind}-----`;
const valid = {
  MONGO_URL: 'mongodb://127.0.0.1:27017/storefront',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  AUTH_PRIVATE_KEY: pem('PRIVATE KEY'),
  AUTH_PUBLIC_KEY: pem('PUBLIC KEY'),
  REDIS_URL: 'redis://127.0.0.1:6379',
};

const devOverlayKey = (name: string) =>
  readFileSync(new URL(`../../../k8s/overlays/dev/DEV-ONLY-auth-${name}.pem`, import.meta.url), 'utf8');

describe('configuration', () => {
  it('when only the required variables are set, the documented defaults apply', () => {
    const config = loadUserServiceConfig(valid);

    expect(config).toMatchObject({ PORT: 7201, HOST: '127.0.0.1', COOKIE_SECURE: true, LOG_LEVEL: 'info' });
    expect(config.AUTH_PUBLIC_KEY).toContain('\n');
  });

  it('when variables are missing or wrong, one error names each of them', () => {
    const load = () => loadUserServiceConfig({ AMQP_URL: 'http://nope', PORT: 'eighty' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/MONGO_URL is missing.*AMQP_URL.*AUTH_PRIVATE_KEY/s);
    expect(load).toThrow(/PORT/);
  });

  it('when an editor email is given without a password, it refuses to start', () => {
    expect(() => loadUserServiceConfig({ ...valid, SEED_EDITOR_EMAIL: 'editor@example.test' })).toThrow(
      /SEED_EDITOR_EMAIL and SEED_EDITOR_PASSWORD/,
    );
  });

  it('when an admin email is given without a password, it refuses to start', () => {
    expect(() => loadUserServiceConfig({ ...valid, SEED_ADMIN_EMAIL: 'admin@example.test' })).toThrow(
      /SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD/,
    );
  });

  it('when NODE_ENV=production and the dev overlay key pair is configured, it refuses to start naming both keys', () => {
    const load = () =>
      loadUserServiceConfig({
        ...valid,
        NODE_ENV: 'production',
        AUTH_PRIVATE_KEY: devOverlayKey('private'),
        AUTH_PUBLIC_KEY: devOverlayKey('public'),
      });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/AUTH_PRIVATE_KEY, AUTH_PUBLIC_KEY hold a placeholder or development secret/);
  });

  it('when NODE_ENV=production and a seed password is the .env.example placeholder, it refuses naming it', async () => {
    const { privateKey, publicKey } = await createTestAuth();
    const production = {
      ...valid,
      NODE_ENV: 'production',
      AUTH_PRIVATE_KEY: privateKey,
      AUTH_PUBLIC_KEY: publicKey,
    };

    expect(() =>
      loadUserServiceConfig({
        ...production,
        SEED_ADMIN_EMAIL: 'admin@example.test',
        SEED_ADMIN_PASSWORD: 'change-me-admin',
      }),
    ).toThrow(/SEED_ADMIN_PASSWORD holds a placeholder/);
    expect(() => loadUserServiceConfig(production)).not.toThrow();
    // Outside production, the placeholders of a local run are fine.
    expect(() =>
      loadUserServiceConfig({
        ...valid,
        SEED_ADMIN_EMAIL: 'admin@example.test',
        SEED_ADMIN_PASSWORD: 'change-me-admin',
      }),
    ).not.toThrow();
  });
});
