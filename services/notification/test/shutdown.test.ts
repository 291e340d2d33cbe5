import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NotificationView } from '@storefront/contracts';
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
    // A slow Redis write: the event is still in hand when the service is told to stop.
    wrapStore: (store) => ({
      ...store,
      async record(notification: NotificationView) {
        started();
        await sleep(500);
        return store.record(notification);
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
  expect(stored.map((n) => n.eventId)).toEqual([registered.id]);
  // Acknowledged: nothing went back to the queue for another instance to do again.
  expect(await queueDepth(service, 'notification-service')).toBe(0);
});
