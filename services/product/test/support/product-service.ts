import type { IncomingMessage } from 'node:http';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { createServiceTokens } from '@storefront/auth';
import { createLogger, createSessionRegistry, openRedis, startAppForTest } from '@storefront/service-kit';
import {
  createPostgresDatabase,
  createRabbitVhost,
  createRedisPrefix,
  createTestAuth,
} from '@storefront/testkit';
import { PRODUCT_SERVICE_AUDIENCE, createProductApp } from '../../src/app.js';
import { createPostgresPool } from '../../src/data-access/connection.js';
import { migrate } from '../../src/data-access/migrate.js';
import { createCatalogWriter } from '../../src/data-access/catalog-writer.js';
import { createOutboxStore } from '../../src/data-access/outbox-store.js';
import { createProductCache } from '../../src/data-access/product-cache.js';
import { consumeOrderEvents } from '../../src/entry-points/messaging/order-events.js';
import { createStockRepository } from '../../src/data-access/stock-repository.js';
import { createProductsRepository } from '../../src/data-access/products-repository.js';
import { seedCatalog } from '../../src/data-access/seed.js';
import { createPreviewTokens } from '../../src/domain/preview-token.js';

/** The preview secret of every in-process product service: tests mint tokens with it, or with a wrong one. */
export const TEST_PREVIEW_SECRET = 'test-preview-secret-0123456789abcdefghijklmnop';
/** The service token secret of every in-process product service; the order service's tests sign with it. */
export const TEST_SERVICE_TOKEN_SECRET = 'test-service-token-secret-0123456789abcdefghij';

/**
 * The whole product service in-process against a throw-away PostgreSQL database, Redis key prefix and RabbitMQ
 * vhost, wired as server.ts wires it. The order service's tests run it too, so they price orders against the
 * real thing; they may pass their own vhost to save making a second one, and watch the requests it receives.
 */
export async function startProductService(
  options: { amqpUrl?: string; onRequest?: (req: IncomingMessage) => void } = {},
) {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const logger = createLogger('product-service-test', 'silent');
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const pool = createPostgresPool(database.url, logger);
    cleanups.push(() => pool.end());
    await migrate(pool);
    await seedCatalog(pool);

    const redisPrefix = await createRedisPrefix();
    cleanups.push(() => redisPrefix.drop());
    const redis = await openRedis(redisPrefix.url, redisPrefix.prefix);
    cleanups.push(() => redis.quit());
    // The registry every service of a test run shares; the order service's tests write to it too.
    const sessionsRedis = await openRedis(redisPrefix.url, `${redisPrefix.prefix}sessions:`);
    cleanups.push(() => sessionsRedis.quit());
    const sessionRegistry = createSessionRegistry(sessionsRedis);
    const serviceTokens = createServiceTokens(TEST_SERVICE_TOKEN_SECRET);

    let amqpUrl = options.amqpUrl;
    if (!amqpUrl) {
      const vhost = await createRabbitVhost();
      cleanups.push(() => vhost.drop());
      amqpUrl = vhost.url;
    }
    const broker = await createBroker({ url: amqpUrl, logger });
    cleanups.push(() => broker.close());
    const relay = startOutboxRelay({ store: createOutboxStore(pool), broker, logger });
    cleanups.push(() => relay.stop());

    const stock = createStockRepository(pool);
    const cache = createProductCache(redis, logger);
    const orderEvents = await consumeOrderEvents(broker, { stock, cache });
    cleanups.push(() => orderEvents.stop());

    const auth = await createTestAuth();
    const app = createProductApp({
      logger,
      products: createProductsRepository(pool),
      stock,
      cache,
      writer: createCatalogWriter(pool),
      verifier: auth.verifier,
      preview: createPreviewTokens(TEST_PREVIEW_SECRET),
      sessionRegistry,
      serviceTokens,
      cookieSecure: false,
      kickRelay: () => relay.kick(),
      readiness: {
        postgres: () => pool.query('SELECT 1'),
        redis: () => redis.ping(),
        broker: () => broker.check(),
      },
    });
    const server = await startAppForTest((req, res) => {
      options.onRequest?.(req);
      app(req, res);
    });
    cleanups.push(() => server.close());
    return {
      url: server.url,
      pool,
      redis,
      redisUrl: redisPrefix.url,
      redisPrefix: redisPrefix.prefix,
      amqpUrl,
      auth,
      sessionRegistry,
      sessionRegistryPrefix: `${redisPrefix.prefix}sessions:`,
      /** An `authorization` header value as the order service sends it. */
      serviceAuthorization: async (caller = 'order-service') =>
        `Bearer ${await serviceTokens.issue(caller, PRODUCT_SERVICE_AUDIENCE)}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export type ProductService = Awaited<ReturnType<typeof startProductService>>;
