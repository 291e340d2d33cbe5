import { createSessionVerifier } from '@storefront/auth';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { createLogger, main, runServer } from '@storefront/service-kit';
import { createOrderApp } from '../app.js';
import { createMysqlPool } from '../data-access/connection.js';
import { migrate } from '../data-access/migrate.js';
import { createOrdersRepository } from '../data-access/orders-repository.js';
import { createOutboxStore } from '../data-access/outbox-store.js';
import { createProductCatalog } from '../data-access/product-catalog.js';
import { loadOrderServiceConfig } from './config.js';

const name = 'order-service';

async function start() {
  const config = loadOrderServiceConfig();
  const logger = createLogger(name, config.LOG_LEVEL);
  const migrations = await migrate(config.DATABASE_URL);
  logger.info({ migrations }, 'database ready');
  const pool = createMysqlPool(config.DATABASE_URL);
  const broker = await createBroker({ url: config.AMQP_URL, logger });
  const relay = startOutboxRelay({ store: createOutboxStore(pool), broker, logger });
  const catalog = createProductCatalog(config.PRODUCT_SERVICE_URL);

  const app = createOrderApp({
    logger,
    orders: createOrdersRepository(pool),
    catalog,
    kickRelay: () => relay.kick(),
    verifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
    readiness: {
      mysql: () => pool.query('SELECT 1'),
      broker: () => broker.check(),
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
    },
  });
}

main(name, start);
