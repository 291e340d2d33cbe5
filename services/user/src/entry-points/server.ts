import { createSessionSigner, createSessionVerifier } from '@storefront/auth';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { createLogger, main, runServer } from '@storefront/service-kit';
import { createUserApp } from '../app.js';
import { openUserDatabase, seedEditor } from '../data-access/index.js';
import { createPasswordHasher } from '../domain/passwords.js';
import { loadUserServiceConfig } from './config.js';

const name = 'user-service';

async function start() {
  const config = loadUserServiceConfig();
  const logger = createLogger(name, config.LOG_LEVEL);
  const db = await openUserDatabase(config.MONGO_URL);
  logger.info(
    { transactions: db.transactions },
    db.transactions
      ? 'users and their events are written in one transaction'
      : 'no replica set: each event row is written right after its user',
  );
  const passwords = createPasswordHasher();
  if (config.SEED_EDITOR_EMAIL && config.SEED_EDITOR_PASSWORD) {
    await seedEditor(
      db.users,
      passwords.hash,
      {
        email: config.SEED_EDITOR_EMAIL,
        password: config.SEED_EDITOR_PASSWORD,
        name: config.SEED_EDITOR_NAME,
      },
      logger,
    );
  }
  const broker = await createBroker({ url: config.AMQP_URL, logger });
  const relay = startOutboxRelay({ store: db.outbox, broker, logger });

  const app = createUserApp({
    logger,
    users: db.users,
    sessions: db.sessions,
    passwords,
    signer: createSessionSigner(config.AUTH_PRIVATE_KEY),
    verifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
    cookieSecure: config.COOKIE_SECURE,
    readiness: { mongo: db.ping, broker: () => broker.check() },
  });

  await runServer({
    name,
    app,
    port: config.PORT,
    host: config.HOST,
    logger,
    onShutdown: async () => {
      await relay.stop();
      await broker.close();
      await db.close();
    },
  });
}

main(name, start);
