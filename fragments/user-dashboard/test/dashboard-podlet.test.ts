import { PUBLIC_FRAGMENT_CACHE } from '@storefront/podlet-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpawnedPodlet } from '@storefront/podlet-kit/testing';
import { createTestAuth, csrf } from '@storefront/testkit';
import { startBuiltPodlet } from './support/built-podlet.js';
import { order, startFakeOrderService, unusedUrl } from './support/fake-order-service.js';
import { sessionSlice, visibleText } from './support/html.js';

const XSS_NAME = '</script><script>alert(1)</script>';
const ROOT = '<div data-fragment="user-dashboard"';

type TestAuth = Awaited<ReturnType<typeof createTestAuth>>;

interface Manifest {
  name: string;
  content: string;
  fallback: string;
  js: { value: string; type: string }[];
  css: { value: string }[];
}

describe('the user dashboard podlet, built and started with node', () => {
  let auth: TestAuth;
  let orderService: Awaited<ReturnType<typeof startFakeOrderService>>;
  let podlet: SpawnedPodlet;

  const page = (headers: Record<string, string> = {}, path = '/') =>
    fetch(`${podlet.url}${path}`, { headers });

  beforeAll(async () => {
    auth = await createTestAuth();
    orderService = await startFakeOrderService({ orders: [] });
    podlet = await startBuiltPodlet({ AUTH_PUBLIC_KEY: auth.publicKey, ORDER_SERVICE_URL: orderService.url });
  });

  afterAll(async () => {
    // Graceful shutdown: SIGTERM drains and exits 0.
    if (podlet) expect(await podlet.stop()).toBe(0);
    await orderService?.close();
  });

  it('when the layout reads the manifest, it lists the fingerprinted Angular bundle as a module and its stylesheet, served immutable', async () => {
    const manifest = (await (await fetch(`${podlet.url}/manifest.json`)).json()) as Manifest;

    expect(manifest).toMatchObject({ name: 'user-dashboard', content: '/', fallback: '/fallback' });
    expect(manifest.js).toEqual([
      {
        value: expect.stringMatching(/^\/_fragments\/user-dashboard\/assets\/hydrate-[\w-]{8,}\.js$/),
        type: 'module',
      },
    ]);
    expect(manifest.css).toEqual([
      expect.objectContaining({
        value: expect.stringMatching(/^\/_fragments\/user-dashboard\/assets\/styles-[A-Z0-9]{8}\.css$/),
      }),
    ]);
    for (const asset of [...manifest.js, ...manifest.css]) {
      const response = await fetch(`${podlet.url}${asset.value.replace('/_fragments/user-dashboard', '')}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    // The page lists the hydration loader, which names the Angular bundle; the page's import map provides the one
    // shared store: the bundle imports it instead of carrying a copy.
    const loader = await (
      await fetch(`${podlet.url}${manifest.js[0]!.value.replace('/_fragments/user-dashboard', '')}`)
    ).text();
    const main = /"\.\/(main-[A-Z0-9]{8}\.js)"/.exec(loader)?.[1];
    expect(main).toBeDefined();
    const bundle = await (await fetch(`${podlet.url}/assets/${main}`)).text();
    expect(bundle).toMatch(/from\s*"@storefront\/store\/browser"/);
    expect(bundle).not.toContain('createSlice');
  });

  it('when a signed-out visitor opens the page, the first HTML holds a sign-up and a sign-in form that post without JavaScript', async () => {
    const requestsBefore = orderService.requests.length;

    const response = await page({ cookie: csrf.cookie, ...csrf.page, 'podium-mount-pathname': '/account' });
    const html = await response.text();

    expect(response.status).toBe(200);
    // What every signed-out visitor gets: nginx may keep it (and stamps each visitor's own token into it).
    expect(response.headers.get('cache-control')).toBe(PUBLIC_FRAGMENT_CACHE);
    // A fragment, not a document: one root element, Angular's transfer state, the session slice.
    expect(html.startsWith(ROOT)).toBe(true);
    expect(html).not.toMatch(/<html|<head|<body|<!doctype/i);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<script id="user-dashboard-state" type="application/json">');

    const signUp = /<form[^>]*action="\/api\/users\/register"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    const signIn = /<form[^>]*action="\/api\/users\/login"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect(signUp).toContain('method="post"');
    expect(signUp).toContain('data-testid="sign-up-form"');
    expect(signUp).toMatch(/>Name<\/label>[\s\S]*>Email<\/label>[\s\S]*>Password<\/label>/);
    expect(signUp).toContain('<button type="submit">Create account</button>');
    expect(signIn).toContain('method="post"');
    expect(signIn).toContain('data-testid="sign-in-form"');
    expect(signIn).toMatch(/>Email<\/label>[\s\S]*>Password<\/label>/);
    expect(signIn).not.toContain('>Name</label>');
    expect(signIn).toContain('<button type="submit">Sign in</button>');
    for (const form of [signUp, signIn]) {
      // The service's double-submit check accepts the token from this field when no script sends the header.
      expect(form).toContain(`<input type="hidden" name="_csrf" value="${csrf.token}">`);
      // Every label names its field, so assistive technology (and Playwright's getByLabel) finds it.
      for (const [, id] of form.matchAll(/<label for="([^"]+)">/g)) expect(form).toContain(`id="${id}"`);
    }
    expect(sessionSlice(html)).toEqual({ user: null });
    expect(orderService.requests.length).toBe(requestsBefore);
  });

  it('when a signed-in visitor opens the page, the profile lists their last orders, asked with their session and the request id', async () => {
    const older = order({ status: 'shipped', totalMinor: 4999, createdAt: '2026-01-02T10:00:00.000Z' });
    const newer = order({ status: 'paid', totalMinor: 1250, createdAt: '2026-03-04T10:00:00.000Z' });
    orderService.answer({ orders: [older, newer] });
    const user = {
      id: 'c0ffee00-0000-4000-8000-000000000001',
      name: 'Ada Lovelace',
      email: 'ada@example.test',
    };
    const session = await auth.sessionCookie(user);

    const response = await page({
      cookie: `${session}; ${csrf.cookie}; sf_cart=%5B%5D`,
      'x-request-id': 'req-dashboard-1',
    });
    const html = await response.text();
    const text = visibleText(html);

    expect(response.status).toBe(200);
    expect(html.startsWith(ROOT)).toBe(true);
    expect(text).toContain('Signed in as Ada Lovelace');
    expect(text).toContain('ada@example.test');
    expect(html).toContain('<button type="submit">Sign out</button>');
    expect(html).toContain('action="/api/users/logout"');
    expect(text).toContain('Your last orders');
    expect(html).not.toContain('Create account');
    for (const [listed, status, total] of [
      [newer, 'paid', '€12.50'],
      [older, 'shipped', '€49.99'],
    ] as const) {
      expect(html).toContain(`data-order-id="${listed.id}"`);
      expect(html).toContain(`<span class="order-id" title="${listed.id}">${listed.id.slice(0, 8)}</span>`);
      expect(html).toContain(`data-status="${status}">${status}</span>`);
      expect(html).toContain(`<span class="order-total">${total}</span>`);
    }
    expect(html.indexOf(newer.id)).toBeLessThan(html.indexOf(older.id));
    expect(sessionSlice(html)).toEqual({ user: { ...user, role: 'customer' } });

    const asked = orderService.requests.at(-1)!;
    expect(asked.url).toBe('/orders');
    // Only the session travels to the order service, not the visitor's other cookies.
    expect(asked.headers.cookie).toBe(session);
    expect(asked.headers['x-request-id']).toBe('req-dashboard-1');
  });

  it('when a signed-in visitor has no orders yet, the dashboard says so', async () => {
    orderService.answer({ orders: [] });

    const html = await (await page({ cookie: await auth.sessionCookie() })).text();

    expect(visibleText(html)).toContain('You have no orders yet.');
  });

  it.each([
    ['answers 500', { status: 500, body: '{"title":"Internal Server Error","status":500}' }],
    ['answers outside its contract', { status: 200, body: '{"items":[{"id":42}]}' }],
    ['refuses the session (401)', { status: 401, body: '{"title":"Unauthorized","status":401}' }],
  ])(
    'when the order service %s, the fragment still renders 200 with the profile and says orders are unavailable',
    async (_case, answer) => {
      orderService.answer(answer);

      const response = await page({ cookie: await auth.sessionCookie({ name: 'Grace Hopper' }) });
      const text = visibleText(await response.text());

      expect(response.status).toBe(200);
      expect(text).toContain('Signed in as Grace Hopper');
      expect(text).toContain('Orders are unavailable right now.');
    },
  );

  it.each([
    ['signed with another key', async () => (await createTestAuth()).sessionCookie({ name: 'Mallory' })],
    ['not a token at all', async () => 'sf_session=not.a.jwt'],
  ])('when the session cookie is %s, the visitor is treated as signed out', async (_case, cookie) => {
    const html = await (await page({ cookie: await cookie() })).text();

    expect(html).toContain('<button type="submit">Create account</button>');
    expect(html).not.toContain('Mallory');
    expect(sessionSlice(html)).toEqual({ user: null });
  });

  it('when the visitor is named like a script tag, the name is text and neither script element can be closed by it', async () => {
    orderService.answer({ orders: [] });

    const html = await (await page({ cookie: await auth.sessionCookie({ name: XSS_NAME }) })).text();

    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('Signed in as &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // Angular's transfer state and the session slice; nothing the visitor wrote opened another one.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(sessionSlice(html).user?.name).toBe(XSS_NAME);
    const state = /<script id="user-dashboard-state" type="application\/json">(.*?)<\/script>/s.exec(
      html,
    )?.[1];
    expect(JSON.parse(state!)['user-dashboard'].user.name).toBe(XSS_NAME);
  });

  it('when the page token handed over holds markup, it is not echoed into the forms', async () => {
    const html = await (await page({ 'x-page-csrf-token': '"><script>alert(1)</script>' })).text();

    expect(html).toContain('<input type="hidden" name="_csrf" value="">');
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('when the page path is below the root, the same fragment renders there', async () => {
    const response = await page({ 'podium-mount-pathname': '/account/orders' }, '/account/orders');

    expect(response.status).toBe(200);
    expect((await response.text()).startsWith(ROOT)).toBe(true);
  });

  it('when many visitors ask at once, each page holds only its own visitor', async () => {
    orderService.answer({ orders: [] });
    const names = Array.from({ length: 8 }, (_, index) => `Visitor ${index}`);

    const pages = await Promise.all(
      names.map(async (name) => (await page({ cookie: await auth.sessionCookie({ name }) })).text()),
    );

    pages.forEach((html, index) => {
      expect(visibleText(html)).toContain(`Signed in as ${names[index]}`);
      expect(html.match(/Visitor \d/g)?.every((seen) => seen === names[index])).toBe(true);
    });
  });

  it('when the layout asks for the fallback, it gets a small static box', async () => {
    const response = await fetch(`${podlet.url}/fallback`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(html).toContain('Your account is unavailable right now');
    expect(html).not.toContain('data-fragment="user-dashboard"');
  });

  it('when the platform probes it, it reports alive and ready', async () => {
    expect((await fetch(`${podlet.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${podlet.url}/readyz`)).status).toBe(200);
  });
});

describe('the user dashboard podlet when the order service is down', () => {
  let auth: TestAuth;
  let podlet: SpawnedPodlet;

  beforeAll(async () => {
    auth = await createTestAuth();
    podlet = await startBuiltPodlet({
      AUTH_PUBLIC_KEY: auth.publicKey,
      ORDER_SERVICE_URL: await unusedUrl(),
    });
  });

  afterAll(async () => {
    if (podlet) expect(await podlet.stop()).toBe(0);
  });

  it('when a signed-in visitor opens the page, the fragment renders 200 with the profile and says orders are unavailable', async () => {
    const response = await fetch(`${podlet.url}/`, {
      headers: { cookie: await auth.sessionCookie({ name: 'Linus', email: 'linus@example.test' }) },
    });
    const text = visibleText(await response.text());

    expect(response.status).toBe(200);
    expect(text).toContain('Signed in as Linus');
    expect(text).toContain('linus@example.test');
    expect(text).toContain('Orders are unavailable right now.');
  });

  it('when a signed-out visitor opens the page, the order service is not needed at all', async () => {
    const response = await fetch(`${podlet.url}/`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<button type="submit">Sign in</button>');
  });
});

describe('the user dashboard podlet misconfigured', () => {
  it('when AUTH_PUBLIC_KEY is missing, it refuses to start and names the variable', async () => {
    await expect(startBuiltPodlet({ AUTH_PUBLIC_KEY: '' })).rejects.toThrow(/AUTH_PUBLIC_KEY/);
  });
});
