import { createLogger, startAppForTest } from '@storefront/service-kit';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { startMongo } from '@storefront/mongo-devserver';
import { createRabbitVhost, createTestAuth, csrf, uniqueName } from '@storefront/testkit';
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
    const auth = await createTestAuth();
    const app = createUserApp({
      logger,
      users: db.users,
      sessions: db.sessions,
      passwords: createPasswordHasher(),
      signer: auth.signer,
      verifier: auth.verifier,
      cookieSecure: true,
      readiness: { mongo: db.ping, broker: () => broker.check() },
    });
    const server = await startAppForTest(app);
    cleanups.push(() => server.close());
    return { url: server.url, db, amqpUrl: vhost.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type UserService = Awaited<ReturnType<typeof startUserService>>;

/** A browser-like call: JSON body, the CSRF pair, and whatever session cookie the visitor holds. */
export function call(
  service: UserService,
  method: string,
  path: string,
  options: { body?: unknown; session?: string; csrf?: boolean } = {},
) {
  const cookies = [options.csrf === false ? undefined : csrf.cookie, options.session].filter(Boolean);
  return fetch(`${service.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.csrf === false ? {} : csrf.headers),
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
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
