import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotificationPreferences, type EventOf } from '@storefront/contracts';
import { createLogger } from '@storefront/service-kit';
import { createPasswordHasher } from '../src/domain/passwords.js';
import { seedEditor } from '../src/domain/seed-account.js';
import {
  call,
  listenForEvents,
  signUp,
  signUpAs,
  startUserService,
  type UserService,
} from './support/user-service.js';

let service: UserService;
let consumer: Awaited<ReturnType<typeof listenForEvents>>;

beforeAll(async () => {
  service = await startUserService();
  consumer = await listenForEvents(service, 'user.updated');
});

afterAll(async () => {
  await consumer?.close();
  await service?.close();
});

const updatesFor = (userId: string) =>
  consumer.received.filter(
    (event): event is EventOf<'user.updated'> =>
      event.type === 'user.updated' && event.data.userId === userId,
  );

/** Waits for `count` events of the user, then a while longer to see that no more follow. */
async function settledUpdates(userId: string, count: number) {
  await expect.poll(() => updatesFor(userId).length, { timeout: 15_000, interval: 100 }).toBe(count);
  await sleep(2500);
  return updatesFor(userId);
}

describe('user.updated', () => {
  it('when a customer edits their profile, one user.updated with the new state reaches a consumer', async () => {
    const { id, visitor, session } = await signUp(service);

    const answer = await call(service, 'PATCH', '/users/me', {
      session,
      body: { name: 'Grace Hopper', phone: '+4915112345678' },
    });
    expect(answer.status).toBe(200);

    const [event, ...more] = await settledUpdates(id, 1);
    expect(more).toEqual([]);
    expect(event?.data).toEqual({
      userId: id,
      email: visitor.email,
      name: 'Grace Hopper',
      role: 'customer',
      phone: '+4915112345678',
      preferences: defaultNotificationPreferences,
    });
    const outbox = await service.db.connection.collection('outbox').find({ type: 'user.updated' }).toArray();
    expect(outbox.filter((row) => row._id === (event?.id as never))).toHaveLength(1);
  });

  it('when notification preferences change, the event carries them', async () => {
    const { id, session } = await signUp(service);
    const preferences = { ...defaultNotificationPreferences, 'order.shipped': { email: false, sms: true } };

    await call(service, 'PATCH', '/users/me', { session, body: { preferences } });

    const [event] = await settledUpdates(id, 1);
    expect(event?.data.preferences).toEqual(preferences);
  });

  it('when an admin changes a role, one user.updated with the new role is published', async () => {
    const admin = await signUpAs(service, 'admin');
    const customer = await signUp(service);

    await call(service, 'PATCH', `/users/${customer.id}/role`, {
      session: admin.session,
      body: { role: 'editor' },
    });

    const [event] = await settledUpdates(customer.id, 1);
    expect(event?.data.role).toBe('editor');
  });

  it('when the seed finds its address taken by a customer, nothing changes and nothing is published', async () => {
    const customer = await signUp(service);
    const logger = createLogger('seed-test', 'silent');
    const { hash } = createPasswordHasher();
    const seed = {
      email: customer.visitor.email.toUpperCase(),
      password: 'ignored password',
      name: 'Ignored',
    };

    await seedEditor(service.db.users, hash, seed, logger);

    await sleep(2500);
    expect(updatesFor(customer.id)).toEqual([]);
    expect(await service.db.users.findById(customer.id)).toMatchObject({
      role: 'customer',
      name: 'Ada Visitor',
    });
  });

  it('when a change changes nothing, or is refused, nothing is published', async () => {
    const { id, session } = await signUp(service);

    expect(
      (await call(service, 'PATCH', '/users/me', { session, body: { name: 'Ada Visitor' } })).status,
    ).toBe(200);
    expect((await call(service, 'PATCH', '/users/me', { session, body: {} })).status).toBe(200);
    expect((await call(service, 'PATCH', '/users/me', { session, body: { phone: 'nope' } })).status).toBe(
      400,
    );
    expect(
      (await call(service, 'PATCH', '/users/me', { session, body: { name: 'X' }, csrf: false })).status,
    ).toBe(403);

    await sleep(2500);
    expect(updatesFor(id)).toEqual([]);
  });

  it('when two edits race, each is published once and the last event describes the stored state', async () => {
    const { id, session } = await signUp(service);

    const answers = await Promise.all(
      ['First Name', 'Second Name', 'Third Name'].map((name) =>
        call(service, 'PATCH', '/users/me', { session, body: { name } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);

    const events = await settledUpdates(id, 3);
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
    const stored = await service.db.connection.collection('users').findOne({ _id: id as never });
    const names = events.map((event) => event.data.name).sort();
    expect(names).toEqual(['First Name', 'Second Name', 'Third Name']);
    // Each write's event is made after the write before it landed, so the newest event is the last write's.
    const newest = Math.max(...events.map((event) => Date.parse(event.occurredAt)));
    const latest = events.filter((event) => Date.parse(event.occurredAt) === newest).map((e) => e.data.name);
    expect(latest).toContain(stored?.name);
    expect(stored).not.toHaveProperty('pendingEvent');
    expect(stored?.revision).toBe(3);
  });
});
