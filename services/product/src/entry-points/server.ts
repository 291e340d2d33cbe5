import { randomBytes } from 'node:crypto';
import { createServiceTokens, createSessionVerifier } from '@storefront/auth';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { createLogger, createSessionRegistry, main, openRedis, runServer } from '@storefront/service-kit';
import { createProductApp } from '../app.js';
import { createPostgresPool } from '../data-access/connection.js';
import { migrate } from '../data-access/migrate.js';
import { createCatalogWriter } from '../data-access/catalog-writer.js';
import { createOutboxStore } from '../data-access/outbox-store.js';
import { createProductCache, noProductCache } from '../data-access/product-cache.js';
import { createStockRepository } from '../data-access/stock-repository.js';
import { createProductsRepository } from '../data-access/products-repository.js';
import { seedCatalogIfEmpty } from '../data-access/seed.js';
import { createPreviewTokens } from '../domain/preview-token.js';
import { loadProductServiceConfig } from './config.js';
import { consumeOrderEvents } from './messaging/order-events.js';

const name = 'product-service';

async function start() {
  const config = loadProductServiceConfig();
  const logger = createLogger(name, config.LOG_LEVEL);
  const pool = createPostgresPool(config.DATABASE_URL, logger);
  const migrations = await migrate(pool);
  const seeded = await seedCatalogIfEmpty(pool);
  logger.info({ migrations, seededProducts: seeded.inserted }, 'database ready');
  const redis = await openRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const sessionsRedis = await openRedis(config.REDIS_URL, config.SESSION_REGISTRY_PREFIX);
  const broker = await createBroker({ url: config.AMQP_URL, logger });
  const relay = startOutboxRelay({ store: createOutboxStore(pool), broker, logger });
  const stock = createStockRepository(pool);
  const cache = config.PRODUCT_CACHE === 'off' ? noProductCache : createProductCache(redis, logger);
  const orderEvents = await consumeOrderEvents(broker, { stock, cache });
  if (!config.PREVIEW_SECRET) {
    logger.warn(
      'PREVIEW_SECRET is not set: preview tokens are valid on this process only, until it restarts',
    );
  }

  const app = createProductApp({
    logger,
    products: createProductsRepository(pool),
    stock,
    cache,
    writer: createCatalogWriter(pool),
    verifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
    sessionRegistry: createSessionRegistry(sessionsRedis),
    serviceTokens: createServiceTokens(config.SERVICE_TOKEN_SECRET),
    trustProxy: config.TRUST_PROXY,
    preview: createPreviewTokens(config.PREVIEW_SECRET ?? randomBytes(32).toString('base64url')),
    cookieSecure: config.COOKIE_SECURE,
    kickRelay: () => relay.kick(),
    readiness: {
      postgres: () => pool.query('SELECT 1'),
      redis: () => redis.ping(),
      broker: () => broker.check(),
    },
  });

  await runServer({
    name,
    app,
    port: config.PORT,
    host: config.HOST,
    logger,
    onShutdown: async () => {
      await orderEvents.stop();
      await relay.stop();
      await broker.close();
      await sessionsRedis.quit();
      await redis.quit();
      await pool.end();
    },
  });
}

main(name, start);
