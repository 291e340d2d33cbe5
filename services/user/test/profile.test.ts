import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotificationPreferences, problemSchema, profileView } from '@storefront/contracts';
import {
  call,
  countDocuments,
  signUp,
  startUserService,
  userDocument,
  type UserService,
} from './support/user-service.js';

const problemOf = async (response: Response) => problemSchema.parse(await response.json());
const profileOf = async (response: Response) => profileView.parse(await response.json());

const home = {
  label: 'Home',
  line1: '1 Infinite Loop',
  city: 'Cupertino',
  postalCode: '95014',
  country: 'US',
};

let service: UserService;

beforeAll(async () => {
  service = await startUserService();
});

afterAll(async () => {
  await service?.close();
});

describe('reading the profile', () => {
  it('when a new customer opens their profile, it has no phone, no addresses and email for every order event', async () => {
    const { session, visitor } = await signUp(service);

    const me = await call(service, 'GET', '/users/me', { session });

    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(await profileOf(me)).toMatchObject({
      email: visitor.email,
      role: 'customer',
      phone: null,
      addresses: [],
      preferences: defaultNotificationPreferences,
    });
  });

  it('when an account from before profiles existed is read, the missing fields read as their defaults', async () => {
    const { id, session } = await signUp(service);
    await service.db.connection
      .collection('users')
      .updateOne({ _id: id as never }, { $unset: { phone: 1, addresses: 1, preferences: 1, revision: 1 } });

    const me = await call(service, 'GET', '/users/me', { session });

    expect(await profileOf(me)).toMatchObject({
      phone: null,
      addresses: [],
      preferences: defaultNotificationPreferences,
    });
    const patched = await call(service, 'PATCH', '/users/me', { session, body: { name: 'Old Timer' } });
    expect(patched.status).toBe(200);
    expect((await userDocument(service, id))?.revision).toBe(1);
  });
});

describe('editing the profile', () => {
  it('when a customer saves name, phone, addresses and preferences, the answer and the next read show them', async () => {
    const { id, session, visitor } = await signUp(service);
    const preferences = {
      ...defaultNotificationPreferences,
      'order.shipped': { email: true, sms: true },
      'order.paid': { email: false, sms: false },
    };

    const patched = await call(service, 'PATCH', '/users/me', {
      session,
      body: {
        name: '  Grace Hopper ',
        phone: '+4915112345678',
        addresses: [home, { ...home, label: 'Work', line2: 'Building 2' }],
        preferences,
      },
    });

    expect(patched.status).toBe(200);
    const profile = await profileOf(patched);
    expect(profile).toMatchObject({
      id,
      email: visitor.email,
      name: 'Grace Hopper',
      phone: '+4915112345678',
      addresses: [home, { ...home, label: 'Work', line2: 'Building 2' }],
      preferences,
    });
    expect(await profileOf(await call(service, 'GET', '/users/me', { session }))).toEqual(profile);
  });

  it('when only some fields are sent, the others stay as they were, and null removes the phone', async () => {
    const { session } = await signUp(service);
    await call(service, 'PATCH', '/users/me', {
      session,
      body: { phone: '+4915112345678', addresses: [home] },
    });

    const patched = await call(service, 'PATCH', '/users/me', { session, body: { phone: null } });

    expect(await profileOf(patched)).toMatchObject({ phone: null, addresses: [home], name: 'Ada Visitor' });
  });

  it('when the form is filled in badly, it answers 400 problem+json naming each field and changes nothing', async () => {
    const { id, session } = await signUp(service);
    const before = await userDocument(service, id);

    const answer = await call(service, 'PATCH', '/users/me', {
      session,
      body: {
        name: '',
        phone: '0151 1234',
        addresses: [
          { ...home, country: 'Germany' },
          { ...home, line1: 'Main St 1\r\nBcc: x@example.test' },
        ],
        preferences: { 'order.placed': { email: 'yes' } },
      },
    });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const paths = (await problemOf(answer)).errors?.map((error) => error.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'phone',
        'addresses.0.country',
        'addresses.1.line1',
        'preferences.order.placed.email',
      ]),
    );
    expect(await userDocument(service, id)).toEqual(before);
  });

  it('when more than ten addresses are sent, it answers 400 and keeps the old ones', async () => {
    const { id, session } = await signUp(service);
    const before = await userDocument(service, id);

    const answer = await call(service, 'PATCH', '/users/me', {
      session,
      body: { addresses: Array.from({ length: 11 }, (_, i) => ({ ...home, label: `A${i}` })) },
    });

    expect(answer.status).toBe(400);
    expect(await userDocument(service, id)).toEqual(before);
  });

  it('when someone tries to change the email or the role through the profile, it answers 400 and changes nothing', async () => {
    const { id, session } = await signUp(service);
    const before = await userDocument(service, id);

    for (const body of [{ email: 'someone-else@example.test' }, { role: 'admin' }, { passwordHash: 'x' }]) {
      const answer = await call(service, 'PATCH', '/users/me', { session, body });
      expect(answer.status).toBe(400);
    }

    expect(await userDocument(service, id)).toEqual(before);
  });

  it('when the profile update carries query operators, it answers 400 and changes nothing', async () => {
    const { id, session } = await signUp(service);
    const before = await userDocument(service, id);
    const counts = await countDocuments(service);

    for (const body of [
      { email: { $gt: '' } },
      { password: { $ne: null } },
      { name: { $ne: null } },
      { phone: { $exists: true } },
      { $set: { role: 'admin' } },
      { addresses: { $where: 'true' } },
      { preferences: { $gt: {} } },
    ]) {
      const answer = await call(service, 'PATCH', '/users/me', { session, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }

    expect(await userDocument(service, id)).toEqual(before);
    expect(await countDocuments(service)).toEqual(counts);
  });

  it('when the body is not JSON at all, it answers 400 problem+json', async () => {
    const { session } = await signUp(service);
    const answer = await fetch(`${service.url}/users/me`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': 'test-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz',
        cookie: `sf_csrf=test-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz; ${session}`,
      },
      body: '{"name": ',
    });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('who may touch a profile', () => {
  it('when nobody is signed in, reading and editing answer 401', async () => {
    expect((await call(service, 'GET', '/users/me')).status).toBe(401);
    const patch = await call(service, 'PATCH', '/users/me', { body: { name: 'Nobody' } });
    expect(patch.status).toBe(401);
    expect(patch.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('when a signed token names a session the service never issued, it answers 401', async () => {
    const { id, visitor } = await signUp(service);
    const forged = await service.auth.sessionCookie({ id, email: visitor.email });

    expect((await call(service, 'GET', '/users/me', { session: forged })).status).toBe(401);
    expect((await call(service, 'PATCH', '/users/me', { session: forged, body: { name: 'X' } })).status).toBe(
      401,
    );
    expect((await userDocument(service, id))?.name).toBe('Ada Visitor');
  });

  it('when the profile is edited without the CSRF header, it answers 403 and changes nothing', async () => {
    const { id, session } = await signUp(service);
    const before = await userDocument(service, id);

    const answer = await call(service, 'PATCH', '/users/me', {
      session,
      body: { name: 'Forged' },
      csrf: false,
    });

    expect(answer.status).toBe(403);
    expect(await userDocument(service, id)).toEqual(before);
  });
});
