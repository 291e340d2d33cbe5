import { createServiceTokens, createSessionVerifier, serviceTokenSource } from '@storefront/auth';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { createLogger, createSessionRegistry, main, openRedis, runServer } from '@storefront/service-kit';
import { ORDER_SERVICE_NAME, createOrderApp } from '../app.js';
import { createCartsRepository } from '../data-access/carts-repository.js';
import { createMysqlPool } from '../data-access/connection.js';
import { migrate } from '../data-access/migrate.js';
import { createOrdersRepository } from '../data-access/orders-repository.js';
import { createOutboxStore } from '../data-access/outbox-store.js';
import { createProductCatalog } from '../data-access/product-catalog.js';
import { loadOrderServiceConfig } from './config.js';

const name = ORDER_SERVICE_NAME;

async function start() {
  const config = loadOrderServiceConfig();
  const logger = createLogger(name, config.LOG_LEVEL);
  const migrations = await migrate(config.DATABASE_URL);
  logger.info({ migrations }, 'database ready');
  const pool = createMysqlPool(config.DATABASE_URL);
  const broker = await createBroker({ url: config.AMQP_URL, logger });
  const relay = startOutboxRelay({ store: createOutboxStore(pool), broker, logger });
  const sessionsRedis = await openRedis(config.REDIS_URL, config.SESSION_REGISTRY_PREFIX);
  const catalog = createProductCatalog(
    config.PRODUCT_SERVICE_URL,
    serviceTokenSource(createServiceTokens(config.SERVICE_TOKEN_SECRET), name, 'product-service'),
  );

  const app = createOrderApp({
    logger,
    orders: createOrdersRepository(pool),
    carts: createCartsRepository(pool),
    cookieSecure: config.COOKIE_SECURE,
    catalog,
    kickRelay: () => relay.kick(),
    verifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
    sessionRegistry: createSessionRegistry(sessionsRedis),
    trustProxy: config.TRUST_PROXY,
    readiness: {
      mysql: () => pool.query('SELECT 1'),
      broker: () => broker.check(),
      redis: () => sessionsRedis.ping(),
      products: () => catalog.checkHealth(),
    },
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
      await pool.end();
      await sessionsRedis.quit();
    },
  });
}

main(name, start);
