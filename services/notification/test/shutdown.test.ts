import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  aCustomer,
  queueDepth,
  startNotificationService,
  type NotificationService,
} from './support/notification-service.js';

let service: NotificationService;
let started: () => void;
const recording = new Promise<void>((resolve) => (started = resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  service = await startNotificationService({
    // A slow mail server: the event is still in hand when the service is told to stop.
    wrapChannels: (channels) => ({
      ...channels,
      email: {
        kind: channels.email.kind,
        async send(message) {
          started();
          await sleep(500);
          return channels.email.send(message);
        },
      },
    }),
  });
});

afterAll(async () => {
  await service?.close();
});

it('when the service stops while an event is in hand, it finishes and acknowledges that event before closing', async () => {
  const customer = await aCustomer(service);
  const registered = customer.registered();

  await service.publish(registered);
  await recording;
  await service.app.close();

  const stored = await service.store.listForUser(customer.userId);
  expect(stored.map((n) => [n.eventId, n.status])).toEqual([[registered.id, 'sent']]);
  expect(service.smtp.mailsTo(customer.email)).toHaveLength(1);
  // Acknowledged: nothing went back to the queue for another instance to do again.
  expect(await queueDepth(service, 'notification-service')).toBe(0);
});
