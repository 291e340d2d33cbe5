import { createSessionSigner, createSessionVerifier } from '@storefront/auth';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { createLogger, createSessionRegistry, main, openRedis, runServer } from '@storefront/service-kit';
import { createUserApp } from '../app.js';
import { openUserDatabase } from '../data-access/index.js';
import { createPasswordHasher } from '../domain/passwords.js';
import { seedAccount } from '../domain/seed-account.js';
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
  for (const seed of [
    {
      role: 'editor' as const,
      email: config.SEED_EDITOR_EMAIL,
      password: config.SEED_EDITOR_PASSWORD,
      name: config.SEED_EDITOR_NAME,
    },
    {
      role: 'admin' as const,
      email: config.SEED_ADMIN_EMAIL,
      password: config.SEED_ADMIN_PASSWORD,
      name: config.SEED_ADMIN_NAME,
    },
  ]) {
    if (seed.email && seed.password) {
      await seedAccount(
        db.users,
        passwords.hash,
        { ...seed, email: seed.email, password: seed.password },
        logger,
      );
    }
  }
  const sessionsRedis = await openRedis(config.REDIS_URL, config.SESSION_REGISTRY_PREFIX);
  const broker = await createBroker({ url: config.AMQP_URL, logger });
  const relay = startOutboxRelay({ store: db.outbox, broker, logger });

  const app = createUserApp({
    logger,
    users: db.users,
    sessions: db.sessions,
    loginAttempts: db.loginAttempts,
    passwordResets: db.passwordResets,
    passwords,
    signer: createSessionSigner(config.AUTH_PRIVATE_KEY),
    verifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
    sessionRegistry: createSessionRegistry(sessionsRedis),
    trustProxy: config.TRUST_PROXY,
    cookieSecure: config.COOKIE_SECURE,
    readiness: { mongo: db.ping, broker: () => broker.check(), redis: () => sessionsRedis.ping() },
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
      await sessionsRedis.quit();
    },
  });
}

main(name, start);
