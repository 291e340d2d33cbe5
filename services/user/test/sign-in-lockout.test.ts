import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@storefront/contracts';
import { call, signUp, startUserService, type UserService } from './support/user-service.js';

const problemOf = async (response: Response) => problemSchema.parse(await response.json());

let service: UserService;

beforeAll(async () => {
  service = await startUserService();
});

afterAll(async () => {
  await service?.close();
});

const failSignIn = (target: { url: string }, email: string) =>
  call(target, 'POST', '/users/login', { body: { email, password: 'not the password' } });

describe('locking an account after repeated failed sign-ins', () => {
  it('when the fifth wrong password arrives within 15 minutes, it answers 429 with Retry-After, and then even the right password waits', async () => {
    const { visitor } = await signUp(service);

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await failSignIn(service, visitor.email)).status);
    const fifth = await failSignIn(service, visitor.email);

    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(fifth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await problemOf(fifth)).toMatchObject({ status: 429, title: 'Too Many Requests' });

    const right = await call(service, 'POST', '/users/login', { body: visitor });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(right.headers.getSetCookie()).toEqual([]);
  });

  it('when one account is locked, another account signs in as usual', async () => {
    const locked = await signUp(service);
    const other = await signUp(service);
    for (let i = 0; i < 5; i++) await failSignIn(service, locked.visitor.email);

    const answer = await call(service, 'POST', '/users/login', { body: other.visitor });

    expect(answer.status).toBe(200);
  });

  it('when the email is typed in another case, the failures still count against the same account', async () => {
    const { visitor } = await signUp(service);
    for (let i = 0; i < 5; i++)
      await failSignIn(service, i % 2 ? visitor.email.toUpperCase() : visitor.email);

    const answer = await call(service, 'POST', '/users/login', {
      body: { ...visitor, email: ` ${visitor.email.toUpperCase()} ` },
    });

    expect(answer.status).toBe(429);
  });

  it('when an email has no account, it locks just the same, so the answers never tell who is registered', async () => {
    const email = `nobody-${Date.now()}@example.test`;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await failSignIn(service, email)).status);

    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('when a sign-in succeeds, the failures before it are forgotten', async () => {
    const { visitor } = await signUp(service);
    for (let i = 0; i < 4; i++) await failSignIn(service, visitor.email);

    expect((await call(service, 'POST', '/users/login', { body: visitor })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await failSignIn(service, visitor.email)).status);

    expect(statuses).toEqual([401, 401, 401, 401]);
    expect((await call(service, 'POST', '/users/login', { body: visitor })).status).toBe(200);
  });

  it('when the failures are older than 15 minutes, the account signs in again', async () => {
    const { visitor } = await signUp(service);
    for (let i = 0; i < 5; i++) await failSignIn(service, visitor.email);
    expect((await call(service, 'POST', '/users/login', { body: visitor })).status).toBe(429);

    // Fifteen minutes pass.
    const attempts = service.db.connection.collection<{ _id: string; failures: Date[] }>('login_attempts');
    const record = await attempts.findOne({ _id: visitor.email });
    expect(record?.failures).toHaveLength(5);
    await attempts.updateOne(
      { _id: visitor.email },
      { $set: { failures: record!.failures.map((at) => new Date(at.getTime() - 15 * 60 * 1000 - 1000)) } },
    );

    expect((await call(service, 'POST', '/users/login', { body: visitor })).status).toBe(200);
  });

  it('when failures arrive at two replicas, they add up, and the lockout holds at both', async () => {
    const { visitor } = await signUp(service);
    const replica = await service.startReplica();

    for (let i = 0; i < 5; i++) await failSignIn(i % 2 ? replica : service, visitor.email);

    expect((await call(service, 'POST', '/users/login', { body: visitor })).status).toBe(429);
    expect((await call(replica, 'POST', '/users/login', { body: visitor })).status).toBe(429);
  });

  it('when a signed-in visitor guesses the current password to change it, the guesses count towards the lockout', async () => {
    const { visitor, session } = await signUp(service);

    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const answer = await call(service, 'POST', '/users/me/password', {
        session,
        body: { currentPassword: `guess number ${i}`, newPassword: 'a brand new password' },
      });
      statuses.push(answer.status);
    }

    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    expect((await call(service, 'POST', '/users/login', { body: visitor })).status).toBe(429);
    const right = await call(service, 'POST', '/users/me/password', {
      session,
      body: { currentPassword: visitor.password, newPassword: 'a brand new password' },
    });
    expect(right.status).toBe(429);
  });
});
