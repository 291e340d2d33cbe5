import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, userView } from '@storefront/contracts';
import { createLogger } from '@storefront/service-kit';
import { createPasswordHasher } from '../src/domain/passwords.js';
import { seedAccount, seedEditor } from '../src/domain/seed-account.js';
import {
  call,
  countDocuments,
  newVisitor,
  sessionFrom,
  startUserService,
  type UserService,
} from './support/user-service.js';

const problemOf = async (response: Response) => problemSchema.parse(await response.json());
const userOf = async (response: Response) => userView.parse(await response.json());

let service: UserService;

beforeAll(async () => {
  service = await startUserService();
});

afterAll(async () => {
  await service?.close();
});

describe('registering and the session cookie', () => {
  it('when a visitor registers, they get an HttpOnly SameSite session cookie and /users/me returns them', async () => {
    const visitor = newVisitor({ email: 'Grace.Hopper@Example.TEST' });

    const registered = await call(service, 'POST', '/users/register', { body: visitor });

    expect(registered.status).toBe(201);
    const user = await userOf(registered);
    expect(user).toMatchObject({ email: 'grace.hopper@example.test', name: visitor.name, role: 'customer' });
    const cookie = registered.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/Path=\//);

    const me = await call(service, 'GET', '/users/me', { session: sessionFrom(registered) });
    expect(me.status).toBe(200);
    expect(await userOf(me)).toEqual(user);
  });

  it('when a visitor registers, the password is stored as an argon2id hash and never shown in any answer', async () => {
    const visitor = newVisitor();

    const registered = await call(service, 'POST', '/users/register', { body: visitor });
    const session = sessionFrom(registered);
    const answers = [
      await registered.text(),
      await (await call(service, 'POST', '/users/login', { body: visitor })).text(),
      await (await call(service, 'GET', '/users/me', { session })).text(),
    ];

    const stored = await service.db.connection.collection('users').findOne({ email: visitor.email });
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(stored?.passwordHash).toMatch(/[$,]m=65536[,$]/);
    for (const answer of answers) {
      expect(answer).not.toContain(visitor.password);
      expect(answer).not.toContain('argon2');
      expect(answer).not.toContain('passwordHash');
    }
  });

  it('when an email is registered twice in another case, the second answers 409 and nothing is written', async () => {
    const visitor = newVisitor({ email: 'Twice@Example.test' });
    expect((await call(service, 'POST', '/users/register', { body: visitor })).status).toBe(201);
    const before = await countDocuments(service);

    const again = await call(service, 'POST', '/users/register', {
      body: { ...visitor, email: 'twice@EXAMPLE.test', name: 'Someone Else' },
    });

    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(await countDocuments(service)).toEqual(before);
  });

  it('when the registration form is filled in badly, it answers 400 problem+json naming each field and writes nothing', async () => {
    const before = await countDocuments(service);

    const answer = await call(service, 'POST', '/users/register', {
      body: { email: 'not-an-email', password: 'short', name: '' },
    });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await problemOf(answer);
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['email', 'name', 'password']);
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await countDocuments(service)).toEqual(before);
  });

  it('when someone signs in with a query operator instead of an email, it answers 400 and signs nobody in', async () => {
    await call(service, 'POST', '/users/register', { body: newVisitor() });

    const answer = await call(service, 'POST', '/users/login', {
      body: { email: { $gt: '' }, password: 'correct horse battery staple' },
    });

    expect(answer.status).toBe(400);
    expect(answer.headers.getSetCookie()).toEqual([]);
    expect((await problemOf(answer)).errors?.map((error) => error.path)).toEqual(['email']);
  });
});

describe('signing in and out', () => {
  it('when the password is wrong or the email unknown, login answers the same 401 without saying which', async () => {
    const visitor = newVisitor();
    await call(service, 'POST', '/users/register', { body: visitor });

    const wrongPassword = await call(service, 'POST', '/users/login', {
      body: { email: visitor.email, password: 'not the password' },
    });
    const unknownEmail = await call(service, 'POST', '/users/login', {
      body: { email: 'nobody-here@example.test', password: visitor.password },
    });

    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
    const [first, second] = [await problemOf(wrongPassword), await problemOf(unknownEmail)];
    expect(unknownEmail.status).toBe(401);
    expect({ ...first, instance: undefined }).toEqual({ ...second, instance: undefined });
  });

  it('when a visitor signs in with the right password in any case of email, they get a working session', async () => {
    const visitor = newVisitor();
    await call(service, 'POST', '/users/register', { body: visitor });

    const login = await call(service, 'POST', '/users/login', {
      body: { email: visitor.email.toUpperCase(), password: visitor.password },
    });

    expect(login.status).toBe(200);
    const me = await call(service, 'GET', '/users/me', { session: sessionFrom(login) });
    expect((await userOf(me)).email).toBe(visitor.email);
  });

  it('when a visitor signs out, the cookie is cleared and the old cookie then gets 401', async () => {
    const registered = await call(service, 'POST', '/users/register', { body: newVisitor() });
    const session = sessionFrom(registered);

    const logout = await call(service, 'POST', '/users/logout', { session });

    expect(logout.status).toBe(204);
    const cleared = logout.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
    expect(cleared).toMatch(/^sf_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    const me = await call(service, 'GET', '/users/me', { session });
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('when nobody is signed in, /users/me answers 401', async () => {
    const me = await call(service, 'GET', '/users/me');

    expect(me.status).toBe(401);
    expect((await problemOf(me)).status).toBe(401);
  });

  it('when a state-changing request comes without the CSRF header, it answers 403 and writes nothing', async () => {
    const before = await countDocuments(service);

    const answer = await call(service, 'POST', '/users/register', { body: newVisitor(), csrf: false });

    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await countDocuments(service)).toEqual(before);
  });
});

describe('the seeded editor account', () => {
  it('when the editor seed runs twice, one editor exists and signs in with the configured password', async () => {
    const seed = { email: 'Editor-Seed@Example.test', password: 'editor password 1', name: 'Eda Editor' };
    const { hash } = createPasswordHasher();
    const logger = createLogger('seed-test', 'silent');

    await seedEditor(service.db.users, hash, seed, logger);
    await seedEditor(service.db.users, hash, { ...seed, password: 'a different one' }, logger);

    const login = await call(service, 'POST', '/users/login', { body: seed });
    expect(login.status).toBe(200);
    expect(await userOf(login)).toMatchObject({ email: 'editor-seed@example.test', role: 'editor' });
    const editors = await service.db.connection
      .collection('users')
      .countDocuments({ email: 'editor-seed@example.test' });
    expect(editors).toBe(1);
  });

  it('when the editor email already belongs to a customer, the seed leaves it a customer with its own password', async () => {
    const visitor = newVisitor();
    await call(service, 'POST', '/users/register', { body: visitor });
    const { hash } = createPasswordHasher();
    const logger = createLogger('seed-test', 'silent');

    await seedEditor(service.db.users, hash, { ...visitor, password: 'the seed password' }, logger);

    const login = await call(service, 'POST', '/users/login', { body: visitor });
    expect(await userOf(login)).toMatchObject({ email: visitor.email, role: 'customer' });
    const withSeedPassword = await call(service, 'POST', '/users/login', {
      body: { email: visitor.email, password: 'the seed password' },
    });
    expect(withSeedPassword.status).toBe(401);
  });

  it('when a stranger registered the admin address before the first start, the admin seed does not make them admin', async () => {
    const stranger = newVisitor();
    await call(service, 'POST', '/users/register', { body: stranger });
    const { hash } = createPasswordHasher();

    await seedAccount(
      service.db.users,
      hash,
      { email: stranger.email, password: 'the admin seed password', name: 'Admin', role: 'admin' },
      createLogger('seed-test', 'silent'),
    );

    const login = await call(service, 'POST', '/users/login', { body: stranger });
    expect(await userOf(login)).toMatchObject({ role: 'customer' });
  });

  it('when the editor email belongs to an admin, the seed leaves the admin as it is', async () => {
    const { hash } = createPasswordHasher();
    const logger = createLogger('seed-test', 'silent');
    const seed = { email: 'seeded-admin@example.test', password: 'admin password 1', name: 'Ann Admin' };
    await seedAccount(service.db.users, hash, { ...seed, role: 'admin' }, logger);

    await seedEditor(service.db.users, hash, seed, logger);

    const login = await call(service, 'POST', '/users/login', { body: seed });
    expect(await userOf(login)).toMatchObject({ role: 'admin', name: 'Ann Admin' });
  });
});
