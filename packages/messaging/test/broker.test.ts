import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorefrontEvent } from '@storefront/contracts';
import { createRabbitVhost } from '@storefront/testkit';
import {
  createBroker,
  deadLetterQueue,
  EVENTS_EXCHANGE,
  startOutboxRelay,
  type Broker,
} from '../src/index.js';
import { eventually, memoryOutbox, silentLogger, userRegistered } from './support.js';

const run = promisify(execFile);
let vhost: Awaited<ReturnType<typeof createRabbitVhost>>;
let broker: Broker;

beforeAll(async () => {
  vhost = await createRabbitVhost();
  broker = await createBroker({ url: vhost.url, logger: silentLogger });
});
afterAll(async () => {
  await broker?.close();
  await vhost?.drop();
});

async function queueDepth(queue: string) {
  const connection = await amqp.connect(vhost.url);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

describe('the broker', () => {
  it('delivers a published event to the consumer bound to its type, once', async () => {
    const received: StorefrontEvent[] = [];
    const consumer = await broker.consume({
      queue: 'deliver-once',
      bindings: ['user.registered'],
      handle: async (event) => void received.push(event),
    });
    const event = userRegistered('Grace');
    await broker.publish(event);
    await eventually(
      () => received.length,
      (n) => n === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([event]);
    await consumer.stop();
  });

  it('retries a failing handler after its back-off and acknowledges once it succeeds', async () => {
    let attempts = 0;
    const consumer = await broker.consume({
      queue: 'flaky',
      bindings: ['user.registered'],
      retryDelaysMs: [100, 200],
      handle: async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('mail server busy');
      },
    });
    await broker.publish(userRegistered('Flaky'));
    await eventually(
      () => attempts,
      (n) => n === 3,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attempts).toBe(3);
    expect(await queueDepth(deadLetterQueue('flaky'))).toBe(0);
    await consumer.stop();
  });

  it('when a message is poison it lands in the dead-letter queue and the consumer keeps going', async () => {
    const received: string[] = [];
    const consumer = await broker.consume({
      queue: 'poison',
      bindings: ['user.registered'],
      retryDelaysMs: [50],
      handle: async (event) => {
        if (event.type === 'user.registered' && event.data.name === 'Poison')
          throw new Error('cannot render');
        received.push(event.id);
      },
    });
    const connection = await amqp.connect(vhost.url);
    const channel = await connection.createChannel();
    channel.publish(EVENTS_EXCHANGE, 'user.registered', Buffer.from('{"not":"an event"'));
    await channel.close();
    await connection.close();
    await broker.publish(userRegistered('Poison'));
    const healthy = userRegistered('Healthy');
    await broker.publish(healthy);

    await eventually(
      () => queueDepth(deadLetterQueue('poison')),
      (n) => n === 2,
    );
    expect(received).toEqual([healthy.id]);

    await consumer.stop();
    expect(await broker.replayDeadLetters('poison')).toBe(2);
    expect(await queueDepth(deadLetterQueue('poison'))).toBe(0);
  });

  it('when the connection is cut, it reconnects by itself and the consumer receives again', async () => {
    const received: string[] = [];
    const consumer = await broker.consume({
      queue: 'reconnect',
      bindings: ['user.registered'],
      handle: async (event) => void received.push(event.id),
    });
    await run('rabbitmqctl', ['-q', 'close_all_connections', '-p', vhost.vhost, 'test cut']);
    await eventually(
      () =>
        broker.check().then(
          () => false,
          () => true,
        ),
      (down) => down,
      5_000,
    ).catch(() => undefined);
    await eventually(
      () =>
        broker.check().then(
          () => true,
          () => false,
        ),
      (up) => up,
    );
    const event = userRegistered('AfterCut');
    await broker.publish(event);
    await eventually(
      () => received,
      (ids) => ids.includes(event.id),
    );
    await consumer.stop();
  });
});

describe('the outbox relay', () => {
  it('publishes every row and marks it sent only after the broker confirmed it', async () => {
    const received: string[] = [];
    const consumer = await broker.consume({
      queue: 'relay',
      bindings: ['user.registered'],
      handle: async (event) => void received.push(event.id),
    });
    const outbox = memoryOutbox(Array.from({ length: 250 }, (_, i) => userRegistered(`Relay${i}`)));
    const relay = startOutboxRelay({
      store: outbox,
      broker,
      logger: silentLogger,
      intervalMs: 50,
      batchSize: 100,
    });
    await eventually(
      () => received.length,
      (n) => n === 250,
    );
    await relay.stop();
    expect(outbox.rows.every((row) => row.sent)).toBe(true);
    expect(new Set(received).size).toBe(250);
    await consumer.stop();
  });

  it('when publishing fails, the rows stay unsent and go out on a later pass', async () => {
    let failing = true;
    const published: string[] = [];
    const flakyBroker = {
      async publish(event: StorefrontEvent) {
        if (failing) throw new Error('broker unavailable');
        published.push(event.id);
      },
    };
    const outbox = memoryOutbox([userRegistered('Later')]);
    const relay = startOutboxRelay({
      store: outbox,
      broker: flakyBroker,
      logger: silentLogger,
      intervalMs: 30,
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(outbox.rows[0]?.sent).toBe(false);
    failing = false;
    await eventually(
      () => outbox.rows[0]?.sent,
      (sent) => sent === true,
    );
    await relay.stop();
    expect(published).toEqual([outbox.rows[0]?.id]);
  });

  it('when sent rows are older than the retention, the relay deletes them in small batches and keeps the rest', async () => {
    const published: string[] = [];
    const outbox = memoryOutbox(Array.from({ length: 12 }, (_, i) => userRegistered(`Old${i}`)));
    const longAgo = new Date(Date.now() - 60_000);
    for (const row of outbox.rows.slice(0, 10)) Object.assign(row, { sent: true, sentAt: longAgo });
    const recent = outbox.rows[10];
    if (recent) Object.assign(recent, { sent: true, sentAt: new Date() });

    const relay = startOutboxRelay({
      store: { ...outbox, claimBatch: async () => [] },
      broker: { publish: async (event: StorefrontEvent) => void published.push(event.id) },
      logger: silentLogger,
      retention: { keepSentMs: 30_000, everyMs: 20, batchSize: 4 },
    });
    await eventually(
      () => outbox.rows.length,
      (n) => n === 2,
    );
    await relay.stop();

    expect(outbox.rows.map((row) => row.sent)).toEqual([true, false]);
    expect(outbox.pruneCalls.slice(0, 3)).toEqual([4, 4, 2]);
  });
});
