import amqp from 'amqplib';
import type { Role } from '@storefront/auth';
import { parseEvent, type StorefrontEvent } from '@storefront/contracts';
import { createLogger, createSessionRegistry, openRedis, startAppForTest } from '@storefront/service-kit';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { startMongo } from '@storefront/mongo-devserver';
import { createRabbitVhost, createRedisPrefix, createTestAuth, csrf, uniqueName } from '@storefront/testkit';
import { createUserApp } from '../../src/app.js';
import { openUserDatabase } from '../../src/data-access/index.js';
import { createPasswordHasher } from '../../src/domain/passwords.js';

/**
 * The whole service in-process against a throw-away Mongo database and RabbitMQ vhost, wired as server.ts wires
 * it, so the stories exercise the real stores, relay and broker.
 */
export async function startUserService() {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const logger = createLogger('user-service-test', 'silent');
    const mongo = await startMongo();
    cleanups.push(() => mongo.stop());
    const db = await openUserDatabase(mongo.url, { dbName: uniqueName() });
    cleanups.push(async () => {
      await db.connection.dropDatabase();
      await db.close();
    });
    const vhost = await createRabbitVhost();
    cleanups.push(() => vhost.drop());
    const broker = await createBroker({ url: vhost.url, logger });
    cleanups.push(() => broker.close());
    const relay = startOutboxRelay({ store: db.outbox, broker, logger });
    cleanups.push(() => relay.stop());
    const redisPrefix = await createRedisPrefix();
    cleanups.push(() => redisPrefix.drop());
    const sessionsRedis = await openRedis(redisPrefix.url, redisPrefix.prefix);
    cleanups.push(() => sessionsRedis.quit());
    const sessionRegistry = createSessionRegistry(sessionsRedis);
    const auth = await createTestAuth();
    const passwords = createPasswordHasher();
    // Another replica is another app on the same database: it shares users, sessions and lockouts.
    const startReplica = async (options: { trustProxy?: string[] } = {}) => {
      const app = createUserApp({
        logger,
        users: db.users,
        sessions: db.sessions,
        loginAttempts: db.loginAttempts,
        passwordResets: db.passwordResets,
        passwords,
        signer: auth.signer,
        verifier: auth.verifier,
        sessionRegistry,
        trustProxy: options.trustProxy,
        cookieSecure: true,
        readiness: { mongo: db.ping, broker: () => broker.check() },
      });
      const server = await startAppForTest(app);
      cleanups.push(() => server.close());
      return { url: server.url };
    };
    const { url } = await startReplica();
    return { url, db, amqpUrl: vhost.url, auth, sessionRegistry, startReplica, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type UserService = Awaited<ReturnType<typeof startUserService>>;

/** A browser-like call: JSON body, the CSRF pair, and whatever session cookie the visitor holds. */
export function call(
  service: Pick<UserService, 'url'>,
  method: string,
  path: string,
  options: { body?: unknown; session?: string; csrf?: boolean; client?: string } = {},
) {
  const cookies = [options.csrf === false ? undefined : csrf.cookie, options.session].filter(Boolean);
  return fetch(`${service.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.csrf === false ? {} : csrf.headers),
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
      // As the gateway sends it: the visitor's address, which loopback (a trusted proxy here) may name.
      ...(options.client === undefined ? {} : { 'x-forwarded-for': options.client }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** The `name=value` part of the session cookie a response set, ready to send back. */
export function sessionFrom(response: Response): string {
  const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
  if (!setCookie) throw new Error('no session cookie was set');
  return setCookie.split(';')[0]!;
}

export async function countDocuments(service: UserService) {
  const { connection } = service.db;
  return {
    users: await connection.collection('users').countDocuments(),
    outbox: await connection.collection('outbox').countDocuments(),
    sessions: await connection.collection('sessions').countDocuments(),
  };
}

let counter = 0;
export function newVisitor(overrides: Partial<{ email: string; password: string; name: string }> = {}) {
  counter += 1;
  return {
    email: `visitor-${Date.now().toString(36)}-${counter}@example.test`,
    password: 'correct horse battery staple',
    name: 'Ada Visitor',
    ...overrides,
  };
}

/** Registers a fresh visitor and hands back what a browser would hold. */
export async function signUp(
  service: UserService,
  overrides: Partial<{ email: string; password: string; name: string }> = {},
) {
  const visitor = newVisitor(overrides);
  const registered = await call(service, 'POST', '/users/register', { body: visitor });
  if (registered.status !== 201) throw new Error(`registering failed: ${registered.status}`);
  const { id } = (await registered.json()) as { id: string };
  return { id, visitor, session: sessionFrom(registered) };
}

/** A fresh account with the given role (set in the store, as an admin or the seed would), signed in. */
export async function signUpAs(service: UserService, role: Role) {
  const account = await signUp(service);
  await service.db.connection.collection('users').updateOne({ _id: account.id as never }, { $set: { role } });
  const login = await call(service, 'POST', '/users/login', { body: account.visitor });
  if (login.status !== 200) throw new Error(`signing in failed: ${login.status}`);
  return { ...account, session: sessionFrom(login) };
}

/** The claims of a session cookie (`name=value`), read without verifying. */
export function claimsOf(session: string): { sub: string; sid: string; role: string } {
  const token = session.slice(session.indexOf('=') + 1);
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

export function userDocument(service: UserService, id: string) {
  return service.db.connection.collection('users').findOne({ _id: id as never });
}

/** A consumer of another service: every event of the given types published from now on. */
export async function listenForEvents(service: UserService, ...types: string[]) {
  const connection = await amqp.connect(service.amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange('storefront.events', 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  for (const type of types) await channel.bindQueue(queue, 'storefront.events', type);
  const received: StorefrontEvent[] = [];
  await channel.consume(queue, (message) => {
    if (!message) return;
    received.push(parseEvent(JSON.parse(message.content.toString())));
    channel.ack(message);
  });
  return { received, close: () => connection.close() };
}
