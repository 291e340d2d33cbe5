import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@storefront/contracts';
import { createLogger, createSessionRegistry, openRedis, startAppForTest } from '@storefront/service-kit';
import { createRedisPrefix, createTestAuth } from '@storefront/testkit';
import { createNotificationApp } from '../src/app.js';
import { createLocalSink } from '../src/data-access/local-sink.js';
import { createNotificationsStore } from '../src/data-access/notifications-store.js';
import {
  aCustomer,
  call,
  startNotificationService,
  type NotificationService,
} from './support/notification-service.js';

let service: NotificationService;

beforeAll(async () => {
  service = await startNotificationService();
});

afterAll(async () => {
  await service?.close();
});

describe('operating the service', () => {
  it('when Redis and the broker answer, the service reports ready', async () => {
    const response = await fetch(`${service.url}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { redis: 'ok', broker: 'ok' } });
  });

  it('when asked whether it is alive, it answers ok', async () => {
    const response = await fetch(`${service.url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('when scraped, it exposes Prometheus metrics for HTTP and for the events it consumed', async () => {
    const customer = await aCustomer(service);
    await call(service, 'GET', '/notifications', { session: customer.session });

    const response = await fetch(`${service.url}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/notifications"[^}]*\} \d+/);
    expect(text).toContain('# TYPE notification_events_total counter');
    expect(text).toContain('service="notification-service"');
  });

  it('when a call brings an x-request-id, the answer carries the same id; otherwise one is made', async () => {
    const customer = await aCustomer(service);

    const given = await call(service, 'GET', '/notifications', {
      session: customer.session,
      requestId: 'checkout-123',
    });
    const made = await call(service, 'GET', '/notifications', { session: customer.session });

    expect(given.headers.get('x-request-id')).toBe('checkout-123');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a path is unknown, it answers 404 problem+json without a stack trace', async () => {
    const response = await call(service, 'GET', '/nope');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(await response.json());
    expect(problem).toMatchObject({ status: 404, detail: 'No route for GET /nope.', instance: '/nope' });
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.js/);
  });

  it('when a state-changing request lacks the CSRF token, it answers 403 problem+json', async () => {
    const customer = await aCustomer(service);

    const response = await fetch(`${service.url}/notifications`, {
      method: 'POST',
      headers: { cookie: customer.session },
    });

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

it('when Redis and the broker are gone, the service reports not ready with 503 problem+json naming both', async () => {
  const logger = createLogger('notification-service-test', 'silent');
  const prefix = await createRedisPrefix();
  const redis = await openRedis(prefix.url, prefix.prefix);
  await redis.quit();
  const app = await createNotificationApp({
    logger,
    verifier: (await createTestAuth()).verifier,
    sessionRegistry: createSessionRegistry(redis),
    notifications: createNotificationsStore(redis),
    broker: { consume: async () => ({ stop: async () => undefined }) },
    deadLetters: { replayDeadLetters: async () => 0 },
    channels: createLocalSink(redis, logger),
    shopUrl: 'http://localhost:8080',
    readiness: {
      redis: () => redis.ping(),
      broker: () => Promise.reject(new Error('the message broker is not connected')),
    },
  });
  const server = await startAppForTest(app.handler);
  try {
    const response = await fetch(`${server.url}/readyz`);

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { checks: Record<string, string> };
    expect(body).toMatchObject({
      status: 503,
      detail: 'Not ready: redis, broker.',
      checks: { broker: 'the message broker is not connected' },
    });
    expect(body.checks.redis).not.toBe('ok');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  } finally {
    await server.close();
    await app.close();
    await prefix.drop();
  }
});
