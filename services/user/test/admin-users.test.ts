import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, userList, userView } from '@storefront/contracts';
import {
  call,
  claimsOf,
  signUp,
  signUpAs,
  startUserService,
  userDocument,
  type UserService,
} from './support/user-service.js';

const problemOf = async (response: Response) => problemSchema.parse(await response.json());
const listOf = async (response: Response) => userList.parse(await response.json());

let service: UserService;
let admin: Awaited<ReturnType<typeof signUpAs>>;

beforeAll(async () => {
  service = await startUserService();
  admin = await signUpAs(service, 'admin');
});

afterAll(async () => {
  await service?.close();
});

describe('listing users', () => {
  it('when an admin pages through users, every account comes exactly once in sign-up order, without secrets', async () => {
    for (let i = 0; i < 6; i++) await signUp(service);
    const total = await service.db.connection.collection('users').countDocuments();

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=4&cursor=${cursor}` : '?limit=4';
      const answer = await call(service, 'GET', `/users${query}`, { session: admin.session });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const text = await answer.text();
      expect(text).not.toContain('passwordHash');
      expect(text).not.toContain('argon2');
      const page = userList.parse(JSON.parse(text));
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((user) => user.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);

    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    // The last page says so itself: no empty page follows, whatever the total.
    expect(pages).toBe(Math.ceil(total / 4));
    const stored = await service.db.connection
      .collection('users')
      .find({}, { sort: { createdAt: 1, _id: 1 } })
      .toArray();
    expect(seen).toEqual(stored.map((user) => user._id));
  });

  it('when no limit is given, a page holds 20 users and the last page has no next cursor', async () => {
    const answer = await call(service, 'GET', '/users', { session: admin.session });

    const page = await listOf(answer);
    const total = await service.db.connection.collection('users').countDocuments();
    expect(page.items).toHaveLength(Math.min(total, 20));
    if (total <= 20) expect(page.nextCursor).toBeNull();
    expect(page.items.map((user) => userView.parse(user))).toEqual(page.items);
  });

  it('when the limit or cursor is not valid, it answers 400 problem+json naming it', async () => {
    const forged = Buffer.from(JSON.stringify({ t: { $gt: '' }, id: 'x' })).toString('base64url');
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=ten', 'limit'],
      ['?limit=1&limit=2', 'limit'],
      ['?cursor=not-a-cursor', 'cursor'],
      [`?cursor=${forged}`, 'cursor'],
      ['?cursor[$gt]=', '(root)'],
      ['?role=admin', '(root)'],
    ] as const) {
      const answer = await call(service, 'GET', `/users${query}`, { session: admin.session });
      expect(answer.status, query).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await problemOf(answer)).errors?.map((error) => error.path)).toContain(field);
    }
  });

  it('when a customer or an editor asks for the list, it answers 403; without a session, 401', async () => {
    const customer = await signUp(service);
    const editor = await signUpAs(service, 'editor');

    expect((await call(service, 'GET', '/users', { session: customer.session })).status).toBe(403);
    const forbidden = await call(service, 'GET', '/users', { session: editor.session });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await call(service, 'GET', '/users')).status).toBe(401);
  });

  it('when a customer holds a genuine session whose token claims admin, the stored role decides: 403', async () => {
    const customer = await signUp(service);
    const claims = claimsOf(customer.session);
    const escalated = await service.auth.sessionCookie({
      id: customer.id,
      email: customer.visitor.email,
      role: 'admin',
      sessionId: claims.sid,
    });

    expect((await call(service, 'GET', '/users', { session: escalated })).status).toBe(403);
  });

  it('when an admin session has been revoked, the list answers 401', async () => {
    const other = await signUpAs(service, 'admin');
    await call(service, 'POST', '/users/logout', { session: other.session });

    expect((await call(service, 'GET', '/users', { session: other.session })).status).toBe(401);
  });
});

describe('changing roles', () => {
  it('when an admin makes a customer an editor, the answer shows it, the customer is signed out, and signs in as editor', async () => {
    const customer = await signUp(service);

    const answer = await call(service, 'PATCH', `/users/${customer.id}/role`, {
      session: admin.session,
      body: { role: 'editor' },
    });

    expect(answer.status).toBe(200);
    expect(userView.parse(await answer.json())).toMatchObject({ id: customer.id, role: 'editor' });
    expect((await userDocument(service, customer.id))?.role).toBe('editor');
    expect((await call(service, 'GET', '/users/me', { session: customer.session })).status).toBe(401);
    const login = await call(service, 'POST', '/users/login', { body: customer.visitor });
    expect(userView.parse(await login.json()).role).toBe('editor');
  });

  it('when the role is already the one asked for, it answers 200 and keeps the sessions', async () => {
    const customer = await signUp(service);

    const answer = await call(service, 'PATCH', `/users/${customer.id}/role`, {
      session: admin.session,
      body: { role: 'customer' },
    });

    expect(answer.status).toBe(200);
    expect((await call(service, 'GET', '/users/me', { session: customer.session })).status).toBe(200);
  });

  it('when the body or the id is bad, it answers 400; an unknown id, 404; nothing changes', async () => {
    const customer = await signUp(service);
    const before = await userDocument(service, customer.id);

    for (const body of [
      { role: 'superuser' },
      {},
      { role: { $ne: 'customer' } },
      { role: 'admin', name: 'x' },
    ]) {
      const answer = await call(service, 'PATCH', `/users/${customer.id}/role`, {
        session: admin.session,
        body,
      });
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    const badId = await call(service, 'PATCH', '/users/not-a-uuid/role', {
      session: admin.session,
      body: { role: 'admin' },
    });
    expect(badId.status).toBe(400);
    expect((await problemOf(badId)).errors?.map((error) => error.path)).toEqual(['id']);
    const unknown = await call(service, 'PATCH', `/users/${randomUUID()}/role`, {
      session: admin.session,
      body: { role: 'admin' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    expect(await userDocument(service, customer.id)).toEqual(before);
  });

  it('when an admin tries to change their own role, it answers 409 and they stay admin', async () => {
    const answer = await call(service, 'PATCH', `/users/${admin.id}/role`, {
      session: admin.session,
      body: { role: 'customer' },
    });

    expect(answer.status).toBe(409);
    expect((await userDocument(service, admin.id))?.role).toBe('admin');
  });

  it('when a customer or editor tries to change a role, it answers 403; without a session 401; without CSRF 403', async () => {
    const customer = await signUp(service);
    const editor = await signUpAs(service, 'editor');
    const path = `/users/${customer.id}/role`;
    const body = { role: 'admin' };

    expect((await call(service, 'PATCH', path, { session: customer.session, body })).status).toBe(403);
    expect(
      (await call(service, 'PATCH', `/users/${editor.id}/role`, { session: editor.session, body })).status,
    ).toBe(403);
    expect((await call(service, 'PATCH', path, { body })).status).toBe(401);
    expect((await call(service, 'PATCH', path, { session: admin.session, body, csrf: false })).status).toBe(
      403,
    );

    expect((await userDocument(service, customer.id))?.role).toBe('customer');
    expect((await userDocument(service, editor.id))?.role).toBe('editor');
  });
});
