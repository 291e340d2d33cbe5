import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayRoutes, internalRoutes, type OpenApiDocument } from '@storefront/service-kit';
import { concretePath, hostileSpellings, sendRaw } from '@storefront/service-kit/probes';
import { userOpenApi } from '../../services/user/src/entry-points/http/openapi.js';
import { productOpenApi } from '../../services/product/src/entry-points/http/openapi.js';
import { orderOpenApi } from '../../services/order/src/entry-points/http/openapi.js';
import { notificationOpenApi } from '../../services/notification/src/entry-points/http/openapi.js';
// @ts-expect-error -- a plain .mjs script without types
import { routeTable } from '../../scripts/gateway-routes.mjs';
import { apiRoutes } from '../render.mjs';
import { freePort, startGateway, startStub, type Gateway, type Stub } from './gateway.js';

const documents: OpenApiDocument[] = [userOpenApi(), productOpenApi(), orderOpenApi(), notificationOpenApi()];
const serviceEnv = [
  'USER_SERVICE_URL',
  'PRODUCT_SERVICE_URL',
  'ORDER_SERVICE_URL',
  'NOTIFICATION_SERVICE_URL',
];

/** Every service answers 200 with what it was asked, so a request that reaches one is plain to see. */
async function startServices() {
  const stubs = await Promise.all(
    serviceEnv.map(() =>
      startStub((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ reached: req.url }));
      }),
    ),
  );
  const env = Object.fromEntries(serviceEnv.map((name, i) => [name, stubs[i]!.url]));
  return {
    stubs,
    env,
    reached: () => stubs.flatMap((stub) => stub.requests),
    forget: () => stubs.forEach((stub) => stub.requests.splice(0)),
  };
}

const otherParts = async () => ({
  LAYOUT_URL: `http://127.0.0.1:${await freePort()}`,
  PRODUCT_CATALOG_URL: `http://127.0.0.1:${await freePort()}`,
  ORDER_MANAGEMENT_URL: `http://127.0.0.1:${await freePort()}`,
  USER_DASHBOARD_URL: `http://127.0.0.1:${await freePort()}`,
});

const json = { 'content-type': 'application/json' };

describe('the allow-list of /api', () => {
  let gateway: Gateway;
  let services: Awaited<ReturnType<typeof startServices>>;

  beforeAll(async () => {
    services = await startServices();
    // A generous limit: this suite is about which paths pass, not how often.
    gateway = await startGateway({
      ...(await otherParts()),
      ...services.env,
      AUTH_RATE_LIMIT: '600r/m',
      AUTH_RATE_BURST: '1000',
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(services?.stubs.map((stub: Stub) => stub.close()) ?? []);
  });

  it("when the services' OpenAPI documents are read, api-routes.json is what they say (npm run gateway-routes)", () => {
    expect(apiRoutes).toEqual(routeTable(gatewayRoutes, documents));
    expect(JSON.stringify(apiRoutes)).not.toMatch(/reservations|lookup|healthz|openapi/);
  });

  it('when a documented public route is asked, it reaches its service as it was sent', async () => {
    for (const route of documents.flatMap(gatewayRoutes)) {
      const path = concretePath(route.path);
      const answer = await sendRaw(gateway.url, route.method, `/api${path}?x=1`, {
        headers: json,
        body: '{}',
      });
      expect(answer.status, `${route.method} ${path}`).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ reached: `${path}?x=1` });
    }
  });

  it('when an internal route is asked in any spelling, with any method, it misses (404 problem+json) and reaches no service', async () => {
    services.forget();
    const internal = documents.flatMap(internalRoutes);
    expect(internal.length).toBeGreaterThanOrEqual(3);
    for (const route of internal) {
      const path = concretePath(route.path);
      for (const spelling of [path, ...hostileSpellings(path)]) {
        for (const method of [route.method, 'GET', 'POST', 'DELETE']) {
          const answer = await sendRaw(gateway.url, method, `/api${spelling}`, { headers: json, body: '{}' });
          if (method === 'GET' && /^\/products\/[A-Za-z0-9_-]+$/.test(spelling)) {
            // `GET /products/lookup` is the public page of a product with the slug "lookup": the catalog answers 404.
            continue;
          }
          expect(answer.status, `${method} /api${spelling}`).toBe(404);
          expect(answer.headers['content-type']).toBe('application/problem+json');
        }
      }
    }
    expect(
      services
        .reached()
        .filter((req) => req.method !== 'GET')
        .map((req) => `${req.method} ${req.url}`),
    ).toEqual([]);
  });

  it('when a body is larger than the gateway takes, it is refused 413 problem+json and reaches no service', async () => {
    services.forget();

    const answer = await sendRaw(gateway.url, 'POST', '/api/users/register', {
      headers: json,
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });

    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 413, title: 'Content Too Large' });
    expect(services.reached()).toEqual([]);
  });

  it('when a rate-limited route is asked in another spelling, it misses and reaches no service', async () => {
    services.forget();
    const limited = documents.flatMap(gatewayRoutes).filter((route) => route.rateLimited);
    expect(limited.map((route) => route.path).sort()).toEqual([
      '/users/login',
      '/users/password/forgot',
      '/users/password/reset',
      '/users/register',
    ]);
    for (const route of limited) {
      for (const spelling of hostileSpellings(route.path)) {
        const answer = await sendRaw(gateway.url, route.method, `/api${spelling}`, {
          headers: json,
          body: '{}',
        });
        expect(answer.status, `${route.method} /api${spelling}`).toBe(404);
      }
    }
    expect(services.reached()).toEqual([]);
  });
});

/** A gateway of its own with `env` (tight limits, say) in front of fresh services, stopped after `run`. */
async function withGateway(
  env: Record<string, string>,
  run: (gateway: Gateway, services: Awaited<ReturnType<typeof startServices>>) => Promise<void>,
) {
  const services = await startServices();
  const gateway = await startGateway({ ...(await otherParts()), ...services.env, ...env });
  try {
    await run(gateway, services);
  } finally {
    await gateway.stop();
    await Promise.all(services.stubs.map((stub) => stub.close()));
  }
}

describe('rate limits per visitor address', () => {
  const signIn = (gateway: Gateway, path = '/api/users/login', headers: Record<string, string> = {}) =>
    sendRaw(gateway.url, 'POST', path, { headers: { ...json, ...headers }, body: '{}' });

  it('when one visitor exhausts the sign-in limit, every spelling of sign-in stays closed to them and other routes stay open', async () => {
    await withGateway(
      {
        AUTH_RATE_LIMIT: '1r/m',
        AUTH_RATE_BURST: '2',
      },
      async (gateway, services) => {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await signIn(gateway)).status);
        expect(statuses).toEqual([200, 200, 200, 429]);

        for (const spelling of [
          '/api/users/login/',
          '/api/users/LOGIN',
          '/api//users/login',
          '/api/users/./login',
          '/api/users/%6Cogin',
          '/api/users/login;x=1',
        ]) {
          expect([404, 429], spelling).toContain((await signIn(gateway, spelling)).status);
        }
        expect((await signIn(gateway, '/api/users/register')).status).toBe(429);
        expect((await sendRaw(gateway.url, 'GET', '/api/users/me')).status).toBe(200);
        expect(services.reached().filter((req) => req.url === '/users/login')).toHaveLength(3);
      },
    );
  });

  it('when the gateway trusts no proxy, a client cannot dodge the limit with X-Forwarded-For, and services get the real address', async () => {
    await withGateway(
      {
        AUTH_RATE_LIMIT: '1r/m',
        AUTH_RATE_BURST: '1',
      },
      async (gateway, services) => {
        const statuses = [];
        for (let i = 0; i < 3; i++)
          statuses.push((await signIn(gateway, undefined, { 'x-forwarded-for': `203.0.113.${i}` })).status);

        expect(statuses).toEqual([200, 200, 429]);
        expect(services.reached().map((req) => req.headers['x-forwarded-for'])).toEqual([
          '127.0.0.1',
          '127.0.0.1',
        ]);
      },
    );
  });

  it('when the gateway sits behind a trusted proxy, each visitor it names has a limit of their own, and the services get that address', async () => {
    await withGateway(
      {
        AUTH_RATE_LIMIT: '1r/m',
        AUTH_RATE_BURST: '1',
        GATEWAY_TRUSTED_PROXIES: '127.0.0.1/32, ::1',
      },
      async (gateway, services) => {
        const from = (visitor: string) => ({ 'x-forwarded-for': `198.51.100.77, ${visitor}` });
        const first = [];
        for (let i = 0; i < 3; i++)
          first.push((await signIn(gateway, undefined, from('203.0.113.10'))).status);
        const second = (await signIn(gateway, undefined, from('203.0.113.20'))).status;

        expect(first).toEqual([200, 200, 429]);
        expect(second).toBe(200);
        // The proxy's rightmost entry is the visitor; what the visitor wrote to its left is not believed.
        expect(services.reached().map((req) => req.headers['x-forwarded-for'])).toEqual([
          '203.0.113.10',
          '203.0.113.10',
          '203.0.113.20',
        ]);
      },
    );
  });

  it('when GATEWAY_TRUSTED_PROXIES is not a list of addresses, the gateway refuses to render, naming it', async () => {
    await expect(
      startGateway({ ...(await otherParts()), GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8; evil' }),
    ).rejects.toThrow(/GATEWAY_TRUSTED_PROXIES must be comma-separated addresses or CIDR ranges/);
  });
});
