import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAuth, csrf } from '@storefront/testkit';
import {
  ConfigError,
  createLogger,
  createServiceApp,
  env,
  loadConfig,
  parseBody,
  problems,
  requireCsrf,
  requireRole,
  startAppForTest,
} from '../src/index.js';

describe('configuration from the environment', () => {
  it('when variables are missing or wrong, one error names each of them', () => {
    const shape = { PORT: env.port(7000), DATABASE_URL: env.url(), COOKIE_SECURE: env.bool(true) };
    expect(() => loadConfig(shape, { PORT: 'eighty', COOKIE_SECURE: 'yes' })).toThrow(ConfigError);
    try {
      loadConfig(shape, { PORT: 'eighty', COOKIE_SECURE: 'yes' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT .*; DATABASE_URL is missing; COOKIE_SECURE/);
    }
  });

  it('when variables are valid, they are typed and defaulted', () => {
    const config = loadConfig({ PORT: env.port(7000), COOKIE_SECURE: env.bool(true) }, {});
    expect(config).toEqual({ PORT: 7000, COOKIE_SECURE: true });
  });
});

describe('a service app', () => {
  let server: { url: string; close(): Promise<void> };
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let brokerUp = true;

  beforeAll(async () => {
    auth = await createTestAuth();
    const app = createServiceApp({
      name: 'test-service',
      logger: createLogger('test-service', 'silent'),
      readiness: {
        broker: async () => {
          if (!brokerUp) throw new Error('broker down');
        },
      },
      sessionVerifier: auth.verifier,
      routes(router) {
        router.post('/things', (req, res) => {
          const body = parseBody(z.object({ name: z.string().min(1) }), req);
          res.status(201).json(body);
        });
        router.post('/things/:name/forget', (_req, res) => {
          res.status(204).end();
        });
        router.patch('/things/:name', (req, res) => {
          const body = parseBody(z.object({ colour: z.string().min(1) }).strict(), req);
          res.json({ name: req.params.name, ...body });
        });
        router.delete('/things/:name', (_req, res) => {
          res.status(204).end();
        });
        router.get('/admin', (req, res) => {
          res.json(requireRole(req, 'admin'));
        });
        router.get('/boom', () => {
          throw new Error('secret internals at /srv/app.js:12');
        });
        router.get('/things/:name', (req, res) => {
          res.json({ name: req.params.name });
        });
        router.get('/conflict', () => {
          throw problems.conflict('Already there.');
        });
        router.post('/conflict-form', () => {
          throw problems.conflict('Already there.');
        });
      },
    });
    server = await startAppForTest(app);
  });
  afterAll(() => server.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', cookie: csrf.cookie, ...csrf.headers, ...headers },
    });

  it('when the body is invalid, it answers 400 problem+json naming the field', async () => {
    const res = await post('/things', JSON.stringify({ name: '' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request', errors: [{ path: 'name' }] });
  });

  it('when the body is not JSON, it answers 400 and says so', async () => {
    const res = await post('/things', '{"name":');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe('The request body is not valid JSON.');
  });

  it('when the CSRF header is missing, a state-changing request answers 403', async () => {
    const res = await fetch(`${server.url}/things`, {
      method: 'POST',
      body: JSON.stringify({ name: 'x' }),
      headers: { 'content-type': 'application/json', cookie: csrf.cookie },
    });
    expect(res.status).toBe(403);
  });

  describe('when a browser posts a form without JavaScript', () => {
    const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams(fields),
        headers: { cookie: csrf.cookie, ...headers },
      });
    const token = csrf.headers['x-csrf-token'];

    it('a success answers 303 back to the page it came from, with the form-only fields unseen by the schema', async () => {
      const res = await form(
        '/things',
        { name: 'lamp', _csrf: token },
        { referer: 'http://shop.test/c/lamps?page=2' },
      );
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/c/lamps?page=2');
    });

    it('a bodiless success redirects too, to the _redirect path it names', async () => {
      const res = await form('/things/lamp/forget', { _csrf: token, _redirect: '/account' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/account');
    });

    it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/'])(
      'a _redirect of %s never leaves the site',
      async (target) => {
        const res = await form('/things', { name: 'lamp', _csrf: token, _redirect: target });
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe('/');
      },
    );

    it('a failure keeps its problem+json answer, and a missing _csrf is refused', async () => {
      const invalid = await form('/things', { name: '', _csrf: token });
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('content-type')).toContain('application/problem+json');
      expect((await form('/things', { name: 'lamp' })).status).toBe(403);
    });

    it('a _method of PATCH routes it as a PATCH, with _method unseen by the schema', async () => {
      const res = await form('/things/lamp', {
        _method: 'PATCH',
        colour: 'red',
        _csrf: token,
        _redirect: '/things/lamp',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/things/lamp');
    });

    it('a _method of delete (any case) routes it as a DELETE, whose 204 redirects', async () => {
      const res = await form('/things/lamp', { _method: 'delete', _csrf: token, _redirect: '/things' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/things');
    });

    it('an overridden request that fails keeps its problem+json answer', async () => {
      const res = await form('/things/lamp', { _method: 'PATCH', colour: '', _csrf: token });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ errors: [{ path: 'colour' }] });
    });

    it('an overridden request still needs the CSRF token', async () => {
      const res = await form('/things/lamp', { _method: 'DELETE', _redirect: '/things' });
      expect(res.status).toBe(403);
    });

    it.each(['GET', 'POST', 'TRACE', ''])('a _method of %j answers 400', async (method) => {
      const res = await form('/things/lamp', { _method: method, _csrf: token });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    });

    it('a JSON body never overrides the method', async () => {
      const res = await post('/things/lamp', JSON.stringify({ _method: 'DELETE' }));
      expect(res.status).toBe(404);
    });
  });

  describe('when a browser navigates with a form post that fails', () => {
    const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const page = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams(fields),
        headers: { cookie: csrf.cookie, accept: browserAccept, ...headers },
      });
    const token = csrf.headers['x-csrf-token'];
    const locationOf = (res: Response) => new URL(res.headers.get('location') ?? '', 'http://shop.test');

    it('a validation failure answers 303 to its page, naming the status, the form and the fields', async () => {
      const res = await page(
        '/things',
        { name: '', _form: 'new-thing', _csrf: token },
        { referer: 'http://shop.test/c/lamps?page=2' },
      );
      expect(res.status).toBe(303);
      const location = locationOf(res);
      expect(location.pathname).toBe('/c/lamps');
      expect(Object.fromEntries(location.searchParams)).toEqual({
        page: '2',
        form_error: '400',
        form: 'new-thing',
        form_fields: 'name',
      });
    });

    it('a failed CSRF check answers 303 with 403 to the _redirect page, replacing an earlier failure', async () => {
      const res = await page('/things', {
        name: 'lamp',
        _redirect: '/signin?form_error=401&form=sign-in&next=%2Fcart',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/signin?next=%2Fcart&form_error=403');
    });

    it('with a Referer and a _redirect, the failure goes back to the form page and a success on to _redirect', async () => {
      const referer = { referer: 'http://shop.test/signin' };
      const failed = await page('/things', { name: '', _csrf: token, _redirect: '/account' }, referer);
      expect(failed.headers.get('location')).toBe('/signin?form_error=400&form_fields=name');
      const done = await page('/things', { name: 'lamp', _csrf: token, _redirect: '/account' }, referer);
      expect(done.headers.get('location')).toBe('/account');
    });

    it('a problem a route throws (409) comes back with its status; a success after it drops the failure', async () => {
      const failed = await page('/conflict-form', { _csrf: token, _redirect: '/account' });
      expect(failed.headers.get('location')).toBe('/account?form_error=409');
      const fixed = await page('/things', {
        name: 'lamp',
        _csrf: token,
        _redirect: '/account?form_error=409',
      });
      expect(fixed.headers.get('location')).toBe('/account');
    });

    it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/ok\r\nx: y'])(
      'a failure with a _redirect of %j still lands on this site',
      async (target) => {
        const res = await page('/things', { name: '', _csrf: token, _redirect: target });
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toMatch(/^\/\?form_error=400/);
      },
    );

    it('a form name or field that is not a plain name is not echoed', async () => {
      const res = await page('/things', { name: '', _form: '<script>', _csrf: token, _redirect: '/x' });
      expect(res.headers.get('location')).toBe('/x?form_error=400&form_fields=name');
    });

    it('a fetch of the same form (Accept */* or JSON) keeps problem+json', async () => {
      for (const accept of ['*/*', 'application/json']) {
        const res = await page('/things', { name: '', _csrf: token }, { accept });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    });
  });

  it('when a handler throws, the client gets a 500 problem without the internals', async () => {
    const res = await fetch(`${server.url}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('/srv/app.js');
    expect(text).not.toContain('secret');
  });

  it('when a path parameter is not valid percent-encoding, it answers 400 problem+json, not 500', async () => {
    const res = await fetch(`${server.url}/things/%c0%ae`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toMatch(/percent-encoding/);
  });

  it('when a route is unknown, it answers 404 problem+json', async () => {
    const res = await fetch(`${server.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { title: string }).title).toBe('Not Found');
  });

  it('when the caller sends a request id, the same id comes back', async () => {
    const res = await fetch(`${server.url}/conflict`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(409);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('when a customer asks for an admin route, it answers 403; without a session 401', async () => {
    const customer = await auth.sessionCookie({ role: 'customer' });
    expect((await fetch(`${server.url}/admin`, { headers: { cookie: customer } })).status).toBe(403);
    expect((await fetch(`${server.url}/admin`)).status).toBe(401);
    const admin = await auth.sessionCookie({ role: 'admin' });
    expect((await fetch(`${server.url}/admin`, { headers: { cookie: admin } })).status).toBe(200);
  });

  it('when a dependency is down, /readyz answers 503 naming it, and /healthz stays 200', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    brokerUp = false;
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toContain('broker');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    brokerUp = true;
  });

  it('when scraped, /metrics exposes the request histogram', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('http_request_duration_seconds');
  });
});

describe('a service that checks CSRF per route', () => {
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    const app = createServiceApp({
      name: 'route-csrf-service',
      logger: createLogger('route-csrf-service', 'silent'),
      readiness: {},
      csrf: false,
      routes(router) {
        router.post('/editor/things', requireCsrf, (_req, res) => {
          res.status(201).json({ ok: true });
        });
        router.patch('/editor/things/:id', requireCsrf, (req, res) => {
          res.json({ id: req.params.id, body: req.body as unknown });
        });
      },
    });
    server = await startAppForTest(app);
  });
  afterAll(() => server.close());

  const form = (fields: Record<string, string>) =>
    fetch(`${server.url}/editor/things`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams(fields),
      headers: { cookie: csrf.cookie, referer: 'http://shop.test/editor' },
    });

  it("when a form posts without JavaScript, the route's check still finds the form's token", async () => {
    const res = await form({ _csrf: csrf.token });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/editor');
  });

  it('when the form carries no token or a wrong one, the route answers 403', async () => {
    expect((await form({})).status).toBe(403);
    expect((await form({ _csrf: 'x'.repeat(43) })).status).toBe(403);
  });

  it("when a form asks for PATCH, the route's check finds the token and a bad one answers 403", async () => {
    const patch = (fields: Record<string, string>) =>
      fetch(`${server.url}/editor/things/7`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ _method: 'PATCH', _redirect: '/editor/things/7', ...fields }),
        headers: { cookie: csrf.cookie },
      });
    const ok = await patch({ _csrf: csrf.token });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/editor/things/7');
    expect((await patch({})).status).toBe(403);
    expect((await patch({ _csrf: 'x'.repeat(43) })).status).toBe(403);
  });
});
