import { describe, expect, it } from 'vitest';
import { ConfigError } from '@storefront/service-kit';
import { loadUserServiceConfig } from '../src/entry-points/config.js';

const pem = (kind: string) => `-----BEGIN ${kind}-----\\nMCowBQYDK2VwAyEA\\n-----END ${kind}-----`;
const valid = {
  MONGO_URL: 'mongodb://127.0.0.1:27017/storefront',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  AUTH_PRIVATE_KEY: pem('PRIVATE KEY'),
  AUTH_PUBLIC_KEY: pem('PUBLIC KEY'),
};

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
});
