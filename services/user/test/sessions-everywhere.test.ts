import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtherService } from './support/other-service.js';
import {
  call,
  sessionFrom,
  signUp,
  signUpAs,
  startUserService,
  type UserService,
} from './support/user-service.js';

let service: UserService;
let other: Awaited<ReturnType<typeof startOtherService>>;

beforeAll(async () => {
  service = await startUserService();
  // Another storefront service reading the same registry with the same public key, as product, order and
  // notification do: what it lets through is what they let through.
  other = await startOtherService(service);
});
afterAll(async () => {
  await other?.close();
  await service?.close();
});

const signIn = async (visitor: { email: string; password: string }) =>
  sessionFrom(await call(service, 'POST', '/users/login', { body: visitor }));

describe('a session that ends in the user service ends in every service', () => {
  it('when a customer signs out, the token is refused by the other services at once', async () => {
    const { session } = await signUp(service);

    expect((await call(service, 'POST', '/users/logout', { session })).status).toBe(204);

    expect(await other.whoAmI(session)).toBe(401);
  });

  it('when a customer signs out everywhere, every other session of theirs is refused elsewhere too', async () => {
    const { visitor, session } = await signUp(service);
    const laptop = await signIn(visitor);

    expect((await call(service, 'POST', '/users/me/sessions/revoke-all', { session })).status).toBe(204);

    expect(await other.whoAmI(laptop)).toBe(401);
  });

  it('when a customer changes their password, the other sessions are refused elsewhere and this one stays', async () => {
    const { visitor, session } = await signUp(service);
    const phone = await signIn(visitor);

    const changed = await call(service, 'POST', '/users/me/password', {
      session,
      body: { currentPassword: visitor.password, newPassword: 'another long password' },
    });
    expect(changed.status).toBe(204);

    expect(await other.whoAmI(phone)).toBe(401);
    expect(await other.whoAmI(session)).toBe(200);
  });

  it('when an admin demotes an editor, the editor token is refused editor work elsewhere on the next call', async () => {
    const admin = await signUpAs(service, 'admin');
    const editor = await signUpAs(service, 'editor');
    expect(await other.editorWork(editor.session)).toBe(200);

    const demoted = await call(service, 'PATCH', `/users/${editor.id}/role`, {
      session: admin.session,
      body: { role: 'customer' },
    });
    expect(demoted.status).toBe(200);

    expect([401, 403]).toContain(await other.editorWork(editor.session));
  });

  it('when a session is refreshed, the old token is refused elsewhere and the new one works', async () => {
    const { session } = await signUp(service);

    const refreshed = await call(service, 'POST', '/users/refresh', { session });
    expect(refreshed.status).toBe(200);

    expect(await other.whoAmI(session)).toBe(401);
    expect(await other.whoAmI(sessionFrom(refreshed))).toBe(200);
  });
});

describe('the layout asks whether a session is live before it shows a visitor as signed in', () => {
  it('when the session is live, the answer is 204 and no cache keeps it', async () => {
    const { session } = await signUp(service);

    const answer = await call(service, 'GET', '/users/session', { session });

    expect(answer.status).toBe(204);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('when a customer signed out everywhere on another device, the other device’s session is answered 401', async () => {
    const { visitor, session } = await signUp(service);
    const laptop = await signIn(visitor);

    expect((await call(service, 'POST', '/users/me/sessions/revoke-all', { session })).status).toBe(204);

    expect((await call(service, 'GET', '/users/session', { session: laptop })).status).toBe(401);
  });

  it('when there is no session, or a query is added, the answer is a problem and no 204', async () => {
    const { session } = await signUp(service);

    const anonymous = await call(service, 'GET', '/users/session');
    const withQuery = await call(service, 'GET', '/users/session?live=1', { session });

    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(withQuery.status).toBe(400);
  });
});
