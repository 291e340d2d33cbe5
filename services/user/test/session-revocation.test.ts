import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, userView } from '@storefront/contracts';
import {
  call,
  claimsOf,
  countDocuments,
  sessionFrom,
  signUp,
  startUserService,
  userDocument,
  type UserService,
} from './support/user-service.js';

const problemOf = async (response: Response) => problemSchema.parse(await response.json());
const statusOfMe = async (session: string) => (await call(service, 'GET', '/users/me', { session })).status;

let service: UserService;

beforeAll(async () => {
  service = await startUserService();
});

afterAll(async () => {
  await service?.close();
});

async function signInAgain(visitor: { email: string; password: string }) {
  const login = await call(service, 'POST', '/users/login', { body: visitor });
  expect(login.status).toBe(200);
  return sessionFrom(login);
}

describe('signing out everywhere', () => {
  it('when a customer signs out everywhere, every session of theirs is refused and the cookie is cleared', async () => {
    const { visitor, session: laptop } = await signUp(service);
    const phone = await signInAgain(visitor);
    const tablet = await signInAgain(visitor);
    const someoneElse = (await signUp(service)).session;

    const answer = await call(service, 'POST', '/users/me/sessions/revoke-all', { session: phone });

    expect(answer.status).toBe(204);
    const cleared = answer.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
    expect(cleared).toMatch(/^sf_session=;/);
    expect([await statusOfMe(laptop), await statusOfMe(phone), await statusOfMe(tablet)]).toEqual([
      401, 401, 401,
    ]);
    expect(await statusOfMe(someoneElse)).toBe(200);
    // Signing in afterwards works as before.
    expect(await statusOfMe(await signInAgain(visitor))).toBe(200);
  });

  it('when nobody is signed in, or the session was revoked already, it answers 401', async () => {
    const { session } = await signUp(service);
    await call(service, 'POST', '/users/logout', { session });

    expect((await call(service, 'POST', '/users/me/sessions/revoke-all')).status).toBe(401);
    const again = await call(service, 'POST', '/users/me/sessions/revoke-all', { session });
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('when the request comes without the CSRF header, it answers 403 and every session stays', async () => {
    const { session } = await signUp(service);

    const answer = await call(service, 'POST', '/users/me/sessions/revoke-all', { session, csrf: false });

    expect(answer.status).toBe(403);
    expect(await statusOfMe(session)).toBe(200);
  });
});

describe('refreshing the session', () => {
  it('when a session is refreshed, a new session id comes in a new cookie and the old cookie is refused', async () => {
    const { session: old } = await signUp(service);

    const refreshed = await call(service, 'POST', '/users/refresh', { session: old });

    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
    const cookie = refreshed.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const fresh = sessionFrom(refreshed);
    expect(claimsOf(fresh).sid).not.toBe(claimsOf(old).sid);
    expect(claimsOf(fresh).sub).toBe(claimsOf(old).sub);
    expect(userView.parse(await refreshed.json()).id).toBe(claimsOf(old).sub);
    expect(await statusOfMe(old)).toBe(401);
    expect(await statusOfMe(fresh)).toBe(200);
  });

  it('when the same old cookie is used to refresh twice, the second gets 401 and no session', async () => {
    const { session: old } = await signUp(service);
    const first = await call(service, 'POST', '/users/refresh', { session: old });
    const sessionsAfterFirst = (await countDocuments(service)).sessions;

    const second = await call(service, 'POST', '/users/refresh', { session: old });

    expect(first.status).toBe(200);
    expect(second.status).toBe(401);
    expect(second.headers.getSetCookie()).toEqual([]);
    expect((await countDocuments(service)).sessions).toBe(sessionsAfterFirst);
    expect(await statusOfMe(sessionFrom(first))).toBe(200);
  });

  it('when nobody is signed in or the session was signed out, refresh answers 401 problem+json', async () => {
    const { session } = await signUp(service);
    await call(service, 'POST', '/users/logout', { session });

    const anonymous = await call(service, 'POST', '/users/refresh');
    const signedOut = await call(service, 'POST', '/users/refresh', { session });

    expect(anonymous.status).toBe(401);
    expect(signedOut.status).toBe(401);
    expect((await problemOf(signedOut)).status).toBe(401);
  });

  it('when the refresh comes without the CSRF header, it answers 403 and the session stays as it was', async () => {
    const { session } = await signUp(service);

    const answer = await call(service, 'POST', '/users/refresh', { session, csrf: false });

    expect(answer.status).toBe(403);
    expect(answer.headers.getSetCookie()).toEqual([]);
    expect(await statusOfMe(session)).toBe(200);
  });
});

describe('changing the password', () => {
  it('when a customer changes their password, the new one signs in, the old does not, and only this session survives', async () => {
    const { id, visitor, session } = await signUp(service);
    const otherDevice = await signInAgain(visitor);
    const hashBefore = (await userDocument(service, id))?.passwordHash;

    const answer = await call(service, 'POST', '/users/me/password', {
      session,
      body: { currentPassword: visitor.password, newPassword: 'a much better passphrase' },
    });

    expect(answer.status).toBe(204);
    const hashAfter = (await userDocument(service, id))?.passwordHash;
    expect(hashAfter).toMatch(/^\$argon2id\$/);
    expect(hashAfter).not.toBe(hashBefore);
    expect(await statusOfMe(session)).toBe(200);
    expect(await statusOfMe(otherDevice)).toBe(401);
    expect((await call(service, 'POST', '/users/login', { body: visitor })).status).toBe(401);
    expect(
      (
        await call(service, 'POST', '/users/login', {
          body: { email: visitor.email, password: 'a much better passphrase' },
        })
      ).status,
    ).toBe(200);
  });

  it('when the current password is wrong, it answers 400 naming currentPassword and nothing changes', async () => {
    const { id, visitor, session } = await signUp(service);
    const otherDevice = await signInAgain(visitor);
    const before = await userDocument(service, id);

    const answer = await call(service, 'POST', '/users/me/password', {
      session,
      body: { currentPassword: 'not it at all', newPassword: 'a much better passphrase' },
    });

    expect(answer.status).toBe(400);
    expect((await problemOf(answer)).errors?.map((error) => error.path)).toEqual(['currentPassword']);
    expect(await userDocument(service, id)).toEqual(before);
    expect(await statusOfMe(otherDevice)).toBe(200);
  });

  it('when the new password is too short or fields are missing or operators, it answers 400 and nothing changes', async () => {
    const { id, visitor, session } = await signUp(service);
    const before = await userDocument(service, id);

    for (const body of [
      { currentPassword: visitor.password, newPassword: 'short' },
      { newPassword: 'a much better passphrase' },
      { currentPassword: { $ne: null }, newPassword: 'a much better passphrase' },
      { currentPassword: visitor.password, newPassword: 'a much better passphrase', role: 'admin' },
    ]) {
      const answer = await call(service, 'POST', '/users/me/password', { session, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }

    expect(await userDocument(service, id)).toEqual(before);
  });

  it('when nobody is signed in, or the CSRF header is missing, nothing changes', async () => {
    const { id, visitor, session } = await signUp(service);
    const before = await userDocument(service, id);
    const body = { currentPassword: visitor.password, newPassword: 'a much better passphrase' };

    expect((await call(service, 'POST', '/users/me/password', { body })).status).toBe(401);
    expect((await call(service, 'POST', '/users/me/password', { body, session, csrf: false })).status).toBe(
      403,
    );

    expect(await userDocument(service, id)).toEqual(before);
  });
});

describe('signing in with query operators', () => {
  it('when email or password is an operator object, it answers 400 problem+json and signs nobody in', async () => {
    const { visitor } = await signUp(service);
    const before = await countDocuments(service);

    for (const body of [
      { email: { $gt: '' }, password: visitor.password },
      { email: visitor.email, password: { $ne: null } },
      { email: { $regex: '.*' }, password: { $ne: null } },
    ]) {
      const answer = await call(service, 'POST', '/users/login', { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.headers.getSetCookie()).toEqual([]);
    }

    expect(await countDocuments(service)).toEqual(before);
  });
});
