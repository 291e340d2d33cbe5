import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { SessionUser } from '@storefront/auth';
import { createRedisPrefix } from '@storefront/testkit';
import {
  createSessionRegistry,
  openRedis,
  SESSION_CHECK_CACHE_MS,
  sessionChecker,
  type SessionRegistry,
} from '../src/index.js';

let prefix: Awaited<ReturnType<typeof createRedisPrefix>>;
let redis: Redis;
let registry: SessionRegistry;

beforeAll(async () => {
  prefix = await createRedisPrefix();
  redis = await openRedis(prefix.url, prefix.prefix);
  registry = createSessionRegistry(redis);
});
afterAll(async () => {
  await redis?.quit();
  await prefix?.drop();
});

const aSession = (role: SessionUser['role'] = 'customer'): SessionUser => ({
  id: randomUUID(),
  email: 'someone@example.test',
  name: 'Someone',
  role,
  sessionId: randomUUID(),
});

describe('checking sessions against the registry', () => {
  it('when a customer session checked a moment ago is revoked, it still passes from cache, and is refused well within 60 s', async () => {
    let now = 1_000_000;
    const check = sessionChecker(registry, () => now);
    const customer = aSession();
    expect(await check(customer)).toEqual(customer);

    await registry.revoke([customer.sessionId]);
    now += SESSION_CHECK_CACHE_MS - 1;
    expect(await check(customer)).toEqual(customer);
    now += 2;

    expect(await check(customer)).toBeNull();
    expect(SESSION_CHECK_CACHE_MS).toBeLessThanOrEqual(60_000);
  });

  it("when an editor's role changes, the very next check carries the new role (privileged sessions are never cached)", async () => {
    const check = sessionChecker(registry, () => 0);
    const editor = aSession('editor');
    expect(await check(editor)).toMatchObject({ role: 'editor' });

    await registry.setRole(editor.id, 'customer');

    expect(await check(editor)).toMatchObject({ role: 'customer' });
  });

  it('when a session was never revoked and no role was recorded, the token is taken as it is', async () => {
    const session = aSession('admin');

    expect(await sessionChecker(registry)(session)).toEqual(session);
    expect(await registry.state(session.id, session.sessionId)).toEqual({ revoked: false, role: null });
  });

  it('when sessions are revoked, the registry keeps them for as long as a token could live', async () => {
    const session = aSession();

    await registry.revoke([session.sessionId]);

    expect(await redis.ttl(`revoked:${session.sessionId}`)).toBeGreaterThan(6 * 24 * 3600);
  });
});
