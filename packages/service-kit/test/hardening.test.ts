import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createServiceTokens } from '@storefront/auth';
import {
  ConfigError,
  createLogger,
  createServiceApp,
  refuseDevSecrets,
  requireService,
  startAppForTest,
} from '../src/index.js';
import { hostileSpellings, sendRaw } from '../src/probes.js';

const repoFile = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** `KEY=value` lines of an env file (comments and blanks skipped). */
const envEntries = (text: string) =>
  text
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);

describe('refusing development secrets in production', () => {
  it('when any secret of .env.example or the dev overlay is given with NODE_ENV=production, start-up fails naming it', () => {
    const secrets = [
      ...envEntries(repoFile('.env.example')),
      ...envEntries(repoFile('k8s/overlays/dev/secrets.dev.env')),
    ]
      .filter(([name]) => /PASSWORD|SECRET|_URL$/.test(name))
      .filter(([, value]) => value.length > 0);
    secrets.push(['AUTH_PUBLIC_KEY', repoFile('k8s/overlays/dev/DEV-ONLY-auth-public.pem')]);
    secrets.push(['AUTH_PRIVATE_KEY', repoFile('k8s/overlays/dev/DEV-ONLY-auth-private.pem')]);
    expect(secrets.length).toBeGreaterThan(10);

    for (const [name, value] of secrets) {
      const source = { NODE_ENV: 'production', [name]: value };
      expect(() => refuseDevSecrets([name], source), name).toThrow(ConfigError);
      expect(() => refuseDevSecrets([name], source), name).toThrow(
        new RegExp(`^invalid configuration: ${name} holds`),
      );
      expect(() => refuseDevSecrets([name], { [name]: 'a-real-secret-0c9f1e2d3b4a59687766' })).not.toThrow();
    }
  });
});

describe('strict routing and service credentials in every service app', () => {
  const tokens = createServiceTokens('kit-test-service-secret-0123456789abcdefgh');

  const startApp = () =>
    startAppForTest(
      createServiceApp({
        name: 'kit-test',
        logger: createLogger('kit-test', 'silent'),
        readiness: {},
        csrf: false,
        routes: (app) => {
          app.get('/things/list', (_req, res) => {
            res.json({ ok: true });
          });
          app.post('/things/internal', requireService(tokens, 'kit-test', ['order-service']), (req, res) => {
            res.json({ caller: req.caller });
          });
        },
      }),
    );

  it('when a route is asked in any other spelling, it answers 404 problem+json', async () => {
    const app = await startApp();
    try {
      expect((await sendRaw(app.url, 'GET', '/things/list')).status).toBe(200);
      for (const spelling of hostileSpellings('/things/list')) {
        const answer = await sendRaw(app.url, 'GET', spelling);
        expect(answer.status, spelling).toBe(404);
        expect(answer.headers['content-type'], spelling).toMatch(/^application\/problem\+json/);
      }
    } finally {
      await app.close();
    }
  });

  it('when an internal route is called, only a fresh token for this audience from an allowed caller passes', async () => {
    const app = await startApp();
    const post = (authorization?: string) =>
      sendRaw(app.url, 'POST', '/things/internal', { headers: authorization ? { authorization } : {} });
    try {
      expect((await post()).status).toBe(401);
      expect((await post('Bearer not-a-token')).status).toBe(401);
      expect((await post(`Bearer ${await tokens.issue('order-service', 'someone-else')}`)).status).toBe(401);
      expect((await post(`Bearer ${await tokens.issue('user-service', 'kit-test')}`)).status).toBe(403);
      const allowed = await post(`Bearer ${await tokens.issue('order-service', 'kit-test')}`);
      expect(allowed.status).toBe(200);
      expect(JSON.parse(allowed.body)).toEqual({ caller: 'order-service' });
    } finally {
      await app.close();
    }
  });
});
