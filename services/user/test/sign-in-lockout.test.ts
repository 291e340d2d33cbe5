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

let nextAddress = 1;
/** A fresh public address for each simulated client. */
const anAddress = () => `198.51.100.${nextAddress++}`;

const failSignIn = (target: { url: string }, email: string, client?: string) =>
  call(target, 'POST', '/users/login', { body: { email, password: 'not the password' }, client });

const attempts = () => service.db.connection.collection<{ _id: string; failures: Date[] }>('login_attempts');

/** Moves a client's failures for an account `ms` into the past (time passes). */
async function age(email: string, client: string, ms: number) {
  const key = `client:${email}|${client}`;
  const record = await attempts().findOne({ _id: key });
  await attempts().updateOne(
    { _id: key },
    { $set: { failures: record!.failures.map((at) => new Date(at.getTime() - ms)) } },
  );
}

describe('one client guessing one account', () => {
  it('when the fifth wrong password arrives, it answers 429 with Retry-After, and then even the right password from that client waits', async () => {
    const { visitor } = await signUp(service);
    const client = anAddress();

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await failSignIn(service, visitor.email, client)).status);
    const fifth = await failSignIn(service, visitor.email, client);

    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(fifth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(25);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(await problemOf(fifth)).toMatchObject({ status: 429, title: 'Too Many Requests' });

    const right = await call(service, 'POST', '/users/login', { body: visitor, client });
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie()).toEqual([]);
  });

  it('when the client keeps guessing after each wait, every wait doubles, up to fifteen minutes', async () => {
    const { visitor } = await signUp(service);
    const client = anAddress();
    for (let i = 0; i < 4; i++) await failSignIn(service, visitor.email, client);
    let wait = Number((await failSignIn(service, visitor.email, client)).headers.get('retry-after'));

    const waits = [wait];
    for (let i = 0; i < 6; i++) {
      await age(visitor.email, client, wait * 1000 + 1000);
      const answer = await failSignIn(service, visitor.email, client);
      expect(answer.status).toBe(429);
      wait = Number(answer.headers.get('retry-after'));
      waits.push(wait);
    }

    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  it('when the email is typed in another case, the failures still count against the same account', async () => {
    const { visitor } = await signUp(service);
    const client = anAddress();
    for (let i = 0; i < 5; i++)
      await failSignIn(service, i % 2 ? visitor.email.toUpperCase() : visitor.email, client);

    const answer = await call(service, 'POST', '/users/login', {
      body: { ...visitor, email: ` ${visitor.email.toUpperCase()} ` },
      client,
    });

    expect(answer.status).toBe(429);
  });

  it('when an email has no account, it throttles just the same, so the answers never tell who is registered', async () => {
    const email = `nobody-${Date.now()}@example.test`;
    const client = anAddress();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await failSignIn(service, email, client)).status);

    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it("when a sign-in succeeds, that client's failures before it are forgotten", async () => {
    const { visitor } = await signUp(service);
    const client = anAddress();
    for (let i = 0; i < 4; i++) await failSignIn(service, visitor.email, client);

    expect((await call(service, 'POST', '/users/login', { body: visitor, client })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await failSignIn(service, visitor.email, client)).status);

    expect(statuses).toEqual([401, 401, 401, 401]);
  });

  it('when failures arrive at two replicas, they add up, and the wait holds at both', async () => {
    const { visitor } = await signUp(service);
    const replica = await service.startReplica();
    const client = anAddress();

    for (let i = 0; i < 5; i++) await failSignIn(i % 2 ? replica : service, visitor.email, client);

    expect((await call(service, 'POST', '/users/login', { body: visitor, client })).status).toBe(429);
    expect((await call(replica, 'POST', '/users/login', { body: visitor, client })).status).toBe(429);
  });

  it('when a signed-in visitor guesses the current password to change it, the guesses count towards the same wait', async () => {
    const { visitor, session } = await signUp(service);
    const client = anAddress();

    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const answer = await call(service, 'POST', '/users/me/password', {
        session,
        client,
        body: { currentPassword: `guess number ${i}`, newPassword: 'a brand new password' },
      });
      statuses.push(answer.status);
    }

    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    expect((await call(service, 'POST', '/users/login', { body: visitor, client })).status).toBe(429);
  });
});

describe('a stranger cannot lock the owner out', () => {
  it('when a stranger fails twenty times against an account, the owner signs in from their own address', async () => {
    const { visitor } = await signUp(service);
    const stranger = anAddress();
    for (let i = 0; i < 20; i++) await failSignIn(service, visitor.email, stranger);

    const owner = await call(service, 'POST', '/users/login', { body: visitor, client: anAddress() });

    expect(owner.status).toBe(200);
  });

  it('when fifty failures come from many addresses, new addresses are paused but the owner’s known one gets in', async () => {
    const { visitor } = await signUp(service);
    const home = anAddress();
    expect((await call(service, 'POST', '/users/login', { body: visitor, client: home })).status).toBe(200);
    // A spray from 49 addresses (one failure each, written directly: 49 argon2id hashes would only slow the test)…
    const now = Date.now();
    await attempts().insertOne({
      _id: `account:${visitor.email}`,
      failures: Array.from({ length: 49 }, (_, i) => new Date(now - (49 - i) * 1000)),
      expiresAt: new Date(now + 15 * 60 * 1000),
    } as never);
    // …and the fiftieth through the front door.
    expect((await failSignIn(service, visitor.email, anAddress())).status).toBe(401);

    const unknown = await call(service, 'POST', '/users/login', { body: visitor, client: anAddress() });
    const known = await call(service, 'POST', '/users/login', { body: visitor, client: home });

    expect(unknown.status).toBe(429);
    expect(Number(unknown.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(known.status).toBe(200);
  });

  it('when a client names another address in X-Forwarded-For to an untrusted hop, the lockout still counts it', async () => {
    const { visitor } = await signUp(service);
    const replica = await service.startReplica({ trustProxy: [] });

    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await failSignIn(replica, visitor.email, anAddress())).status);

    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});
