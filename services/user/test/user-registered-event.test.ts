import amqp from 'amqplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { makeEvent, parseEvent, userView, type StorefrontEvent } from '@storefront/contracts';
import { call, newVisitor, startUserService, type UserService } from './support/user-service.js';

let service: UserService;
let connection: amqp.ChannelModel;
const received: StorefrontEvent[] = [];

beforeAll(async () => {
  service = await startUserService();
  // A consumer of another service, bound before anything is published.
  connection = await amqp.connect(service.amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange('storefront.events', 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, 'storefront.events', 'user.registered');
  await channel.consume(queue, (message) => {
    if (!message) return;
    received.push(parseEvent(JSON.parse(message.content.toString())));
    channel.ack(message);
  });
});

afterAll(async () => {
  await connection?.close();
  await service?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventsFor = (userId: string) =>
  received.filter((event) => event.type === 'user.registered' && event.data.userId === userId);

it('when a visitor registers, one user.registered event reaches a consumer of storefront.events, exactly once', async () => {
  const visitor = newVisitor();

  const registered = await call(service, 'POST', '/users/register', { body: visitor });
  const user = userView.parse(await registered.json());

  const forUser = () => eventsFor(user.id);
  await expect.poll(() => forUser().length, { timeout: 15_000, interval: 100 }).toBe(1);
  // Give the relay several more rounds to (wrongly) publish it again.
  await sleep(3000);
  expect(forUser()).toHaveLength(1);
  expect(forUser()[0]).toMatchObject({
    type: 'user.registered',
    version: 1,
    data: { userId: user.id, email: visitor.email, name: visitor.name },
  });
  const row = await service.db.connection.collection('outbox').findOne({ _id: forUser()[0]!.id as never });
  expect(row?.sentAt).toBeInstanceOf(Date);
});

it('when the service died after storing a user but before its outbox row, the event is still published once', async () => {
  const userId = randomUUID();
  const event = makeEvent('user.registered', {
    userId,
    email: `${userId}@example.test`,
    name: 'Crashed Midway',
  });
  // The state a crash between the two writes of the no-transaction path leaves behind.
  await service.db.connection.collection('users').insertOne({
    _id: userId as never,
    email: event.data.email,
    name: event.data.name,
    role: 'customer',
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaA',
    createdAt: new Date(),
    pendingEvent: event,
  });

  await expect.poll(() => eventsFor(userId).length, { timeout: 15_000, interval: 100 }).toBe(1);
  await sleep(3000);

  expect(eventsFor(userId).map((published) => published.id)).toEqual([event.id]);
  const user = await service.db.connection.collection('users').findOne({ _id: userId as never });
  expect(user).not.toHaveProperty('pendingEvent');
});
