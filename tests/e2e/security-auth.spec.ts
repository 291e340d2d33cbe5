import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
  deliveryAddress,
  type Account,
  Visitor,
  baseURL,
  editorAccount,
  newCustomer,
  placeOrder,
  products,
  signIn,
  sleep,
} from './support/storefront.js';

const someId = '00000000-0000-4000-8000-000000000000';

/** Who may do what. `customer`/`editor` say what those roles get; admin-only routes answer 403 to both. */
const routes: {
  method: string;
  path: string;
  json?: unknown;
  customer?: number;
  editor?: number;
  /** Would end the session it is sent with: checked without one only. */
  anonymousOnly?: boolean;
}[] = [
  { method: 'GET', path: '/api/users/me' },
  { method: 'PATCH', path: '/api/users/me', json: { name: 'X' } },
  {
    method: 'POST',
    path: '/api/users/me/password',
    json: { currentPassword: 'x', newPassword: 'yyyyyyyyyy' },
  },
  { method: 'POST', path: '/api/users/me/sessions/revoke-all', anonymousOnly: true },
  { method: 'POST', path: '/api/users/refresh' },
  { method: 'GET', path: '/api/users', customer: 403, editor: 403 },
  { method: 'PATCH', path: `/api/users/${someId}/role`, json: { role: 'admin' }, customer: 403, editor: 403 },
  { method: 'GET', path: '/api/products/manage', customer: 403 },
  { method: 'GET', path: `/api/products/manage/${someId}`, customer: 403 },
  { method: 'POST', path: '/api/products', json: {}, customer: 403 },
  { method: 'PATCH', path: `/api/products/manage/${someId}`, json: { name: 'X' }, customer: 403 },
  { method: 'PATCH', path: `/api/products/manage/${someId}/stock`, json: { stock: 1 }, customer: 403 },
  { method: 'DELETE', path: `/api/products/manage/${someId}`, customer: 403 },
  { method: 'POST', path: '/api/products/categories', json: { slug: 'x', name: 'X' }, customer: 403 },
  { method: 'PATCH', path: '/api/products/categories/x', json: { name: 'X' }, customer: 403 },
  { method: 'POST', path: '/api/products/preview-token', customer: 403 },
  { method: 'GET', path: '/api/orders' },
  { method: 'POST', path: '/api/orders', json: { lines: [] } },
  { method: 'GET', path: '/api/orders?scope=all', customer: 403 },
  { method: 'GET', path: `/api/orders/${someId}` },
  { method: 'POST', path: `/api/orders/${someId}/cancel` },
  { method: 'PATCH', path: `/api/orders/${someId}`, json: { status: 'paid' }, customer: 403 },
  { method: 'GET', path: '/api/notifications' },
  { method: 'POST', path: '/api/notifications/dead-letters/replay', customer: 403, editor: 403 },
];

let alice: Account;
let bob: Account;
let editor: Visitor;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  [alice, bob, editor] = await Promise.all([
    newCustomer('Alice'),
    newCustomer('Bob'),
    signIn(editorAccount.email, editorAccount.password),
  ]);
});

test.describe('who may do what', () => {
  test('no endpoint that needs a session answers without one (401), nor to the wrong role (403)', async () => {
    const table: string[] = [];
    for (const route of routes) {
      const anonymous = await new Visitor().request(route.method, route.path, {
        json: route.json,
        csrf: true,
      });
      expect.soft(anonymous.status, `${route.method} ${route.path} anonymous`).toBe(401);
      if (route.anonymousOnly) {
        table.push(`${route.method} ${route.path}: ${anonymous.status} (signed-in roles not tried)`);
        continue;
      }
      const customer = await alice.visitor.request(route.method, route.path, { json: route.json });
      const asEditor = await editor.request(route.method, route.path, { json: route.json });
      table.push(`${route.method} ${route.path}: ${anonymous.status} ${customer.status} ${asEditor.status}`);
      if (route.customer)
        expect.soft(customer.status, `${route.method} ${route.path} customer`).toBe(route.customer);
      else expect.soft(customer.status, `${route.method} ${route.path} customer`).not.toBe(401);
      if (route.editor)
        expect.soft(asEditor.status, `${route.method} ${route.path} editor`).toBe(route.editor);
      else expect.soft([401, 403], `${route.method} ${route.path} editor`).not.toContain(asEditor.status);
      for (const answer of [anonymous, customer, asEditor]) expect.soft(answer.status).toBeLessThan(500);
    }
    test
      .info()
      .annotations.push({ type: 'status table (anonymous customer editor)', description: table.join('\n') });
  });

  test('service-to-service routes are not reachable through the gateway', async () => {
    const visitor = new Visitor();
    for (const path of [
      '/api/products/lookup',
      '/api/products/reservations',
      `/api/products/reservations/${someId}`,
    ]) {
      const res = await visitor.post(path, { json: { ids: [someId] } });
      expect(res.status, path).toBe(404);
    }
  });

  test('the session cookie is HttpOnly, SameSite and Path=/, and the CSRF cookie is SameSite=Strict', async () => {
    const res = await fetch(`${baseURL()}/`, { redirect: 'manual' });
    const csrf = res.headers.getSetCookie().find((line) => line.startsWith('sf_csrf='));
    expect(csrf).toBeDefined();
    expect(csrf).toMatch(/;\s*Path=\/(;|$)/i);
    expect(csrf).toMatch(/;\s*SameSite=Strict/i);

    // A sign-in through the gateway (one attempt of the rate limit's budget).
    const visitor = new Visitor();
    const login = await fetch(`${baseURL()}/api/users/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: visitor.cookieHeader(),
        'x-csrf-token': visitor.csrfToken,
      },
      body: JSON.stringify({ email: alice.email, password: alice.password }),
    });
    expect(login.status).toBe(200);
    const session = login.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(session).toMatch(/;\s*Path=\/(;|$)/i);
    expect(login.headers.get('cache-control')).toMatch(/no-store/);
  });
});

test.describe('CSRF', () => {
  test('every state-changing request without the CSRF pair is refused and changes nothing', async () => {
    const [product] = await products(1);
    const attempts: { method: string; path: string; json?: unknown; who: Visitor }[] = [
      { method: 'PATCH', path: '/api/users/me', json: { name: 'Forged' }, who: alice.visitor },
      {
        method: 'POST',
        path: '/api/users/me/password',
        json: { currentPassword: alice.password, newPassword: 'forged-password-1' },
        who: alice.visitor,
      },
      { method: 'POST', path: '/api/users/me/sessions/revoke-all', who: alice.visitor },
      { method: 'POST', path: '/api/users/logout', who: alice.visitor },
      { method: 'POST', path: '/api/users/refresh', who: alice.visitor },
      {
        method: 'POST',
        path: '/api/orders',
        json: { address: deliveryAddress, lines: [{ productId: product!.id, quantity: 1 }] },
        who: alice.visitor,
      },
      { method: 'POST', path: `/api/orders/${someId}/cancel`, who: alice.visitor },
      {
        method: 'POST',
        path: '/api/products',
        json: { slug: `forged-${Date.now()}`, name: 'Forged', priceMinor: 1, category: 'outdoors' },
        who: editor,
      },
      { method: 'PATCH', path: `/api/products/manage/${product!.id}`, json: { name: 'Forged' }, who: editor },
      { method: 'PATCH', path: `/api/products/manage/${product!.id}/stock`, json: { delta: 5 }, who: editor },
      { method: 'DELETE', path: `/api/products/manage/${product!.id}`, who: editor },
      {
        method: 'POST',
        path: '/api/products/categories',
        json: { slug: 'forged', name: 'Forged' },
        who: editor,
      },
      { method: 'POST', path: '/api/products/preview-token', who: editor },
      { method: 'PATCH', path: `/api/orders/${someId}`, json: { status: 'paid' }, who: editor },
      { method: 'POST', path: '/api/notifications/dead-letters/replay', who: editor },
    ];
    const before = {
      me: (await alice.visitor.get('/api/users/me')).json<{ name: string }>(),
      orders: (await alice.visitor.get('/api/orders')).json<{ items: unknown[] }>().items.length,
      product: (await editor.get(`/api/products/manage/${product!.id}`)).json<{
        name: string;
        stock: number;
      }>(),
    };
    for (const attempt of attempts) {
      const label = `${attempt.method} ${attempt.path}`;
      // No header at all; a header that does not match the cookie; a cookie-less header; a form post without _csrf.
      const missing = await attempt.who.request(attempt.method, attempt.path, {
        json: attempt.json,
        csrf: false,
      });
      const wrong = await attempt.who.request(attempt.method, attempt.path, {
        json: attempt.json,
        csrf: false,
        headers: { 'x-csrf-token': 'x'.repeat(43) },
      });
      const form = await attempt.who.request(attempt.method, attempt.path, {
        form: { name: 'Forged' },
        csrf: false,
      });
      for (const [kind, res] of [
        ['missing', missing],
        ['wrong', wrong],
        ['form', form],
      ] as const) {
        expect.soft(res.status, `${label} (${kind}): ${res.body.slice(0, 200)}`).toBe(403);
        expect.soft(res.body, `${label} (${kind})`).toMatch(/csrf/i);
      }
    }
    // Nothing changed: same name, same orders, the product untouched, Alice still signed in.
    const me = await alice.visitor.get('/api/users/me');
    expect(me.status).toBe(200);
    expect(me.json<{ name: string }>().name).toBe(before.me.name);
    expect((await alice.visitor.get('/api/orders')).json<{ items: unknown[] }>().items).toHaveLength(
      before.orders,
    );
    const after = (await editor.get(`/api/products/manage/${product!.id}`)).json<{
      name: string;
      stock: number;
    }>();
    expect(after.name).toBe(before.product.name);
    expect(after.stock).toBe(before.product.stock);
    // Alice's password is unchanged.
    await signIn(alice.email, alice.password);
  });
});

test.describe('one customer cannot reach another one’s things (IDOR)', () => {
  test('Alice cannot read, cancel or list Bob’s orders, nor see his profile or notifications', async () => {
    const [product] = await products(1);
    await editor.patch(`/api/products/manage/${product!.id}/stock`, { json: { stock: 1000 } });
    const bobsOrder = await placeOrder(bob.visitor, product!.id);
    await placeOrder(alice.visitor, product!.id);

    const read = await alice.visitor.get(`/api/orders/${bobsOrder}`);
    expect([403, 404]).toContain(read.status);
    expect(read.body).not.toContain(bob.id);
    const cancel = await alice.visitor.post(`/api/orders/${bobsOrder}/cancel`);
    expect([403, 404]).toContain(cancel.status);
    const list = await alice.visitor.get('/api/orders');
    expect(list.body).not.toContain(bobsOrder);
    expect(
      list.json<{ items: { userId: string }[] }>().items.every((order) => order.userId === alice.id),
    ).toBe(true);
    const all = await alice.visitor.get('/api/orders?scope=all');
    expect(all.status).toBe(403);
    // Bob's order is still his and still placed.
    const bobs = await bob.visitor.get(`/api/orders/${bobsOrder}`);
    expect(bobs.json<{ status: string }>().status).toBe('placed');

    // The profile is always the session's own: no id in the path to swap, and no way to smuggle one in.
    const me = await alice.visitor.get('/api/users/me');
    expect(me.json<{ id: string }>().id).toBe(alice.id);
    const smuggled = await alice.visitor.patch('/api/users/me', { json: { id: bob.id, name: 'Mallory' } });
    expect(smuggled.status).toBe(400);
    const asQuery = await alice.visitor.get(`/api/users/me?id=${bob.id}&userId=${bob.id}`);
    expect(asQuery.body).not.toContain(bob.email);
    expect((await bob.visitor.get('/api/users/me')).json<{ name: string }>().name).toBe('Bob');

    // Notifications: each one's own log only.
    await expect
      .poll(async () => (await bob.visitor.get('/api/notifications')).body, { timeout: 15_000 })
      .toContain(bobsOrder.slice(0, 8));
    for (const path of [
      '/api/notifications',
      `/api/notifications?userId=${bob.id}`,
      `/api/notifications/${bob.id}`,
    ]) {
      const res = await alice.visitor.get(path);
      expect(res.status).toBeLessThan(500);
      expect(res.body, path).not.toContain(bobsOrder.slice(0, 8));
      expect(res.body, path).not.toContain(bob.email);
    }
  });

  test('a session cannot be forged: a tampered or unsigned token is a stranger', async () => {
    const token = alice.visitor.cookies.get('sf_session')!;
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: bob.id, role: 'admin' })).toString(
      'base64url',
    );
    for (const bad of [
      `${header}.${forged}.${token.split('.')[2]}`,
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forged}.`,
      'not-a-token',
    ]) {
      const visitor = new Visitor();
      visitor.cookies.set('sf_session', bad);
      expect((await visitor.get('/api/users/me')).status).toBe(401);
      expect((await visitor.get('/api/users')).status).toBe(401);
      expect((await visitor.get('/api/orders')).status).toBe(401);
    }
  });
});

test.describe('rate limit', () => {
  test('sign-in attempts from one address are cut off by nginx with 429 problem+json', async () => {
    const visitor = new Visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await visitor.post('/api/users/login', {
        json: { email: `nobody-${randomUUID()}@example.test`, password: 'wrong-password' },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('content-type')).toMatch(/problem\+json/);
        expect(res.headers.get('retry-after')).toBeTruthy();
        expect(res.headers.get('content-security-policy')).toBeTruthy();
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    // Leave the next suites (the walking skeleton signs up through the gateway) a couple of attempts: 10 r/m.
    await sleep(13_000);
  });
});
