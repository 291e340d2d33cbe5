import amqp from 'amqplib';
import type { RowDataPacket } from 'mysql2/promise';
import { parseEvent, type StorefrontEvent } from '@storefront/contracts';
import { createBroker, startOutboxRelay } from '@storefront/messaging';
import { createServiceTokens, serviceTokenSource } from '@storefront/auth';
import { TEST_SERVICE_TOKEN_SECRET, startProductService } from '@storefront/product-service/testing';
import { createLogger, startAppForTest } from '@storefront/service-kit';
import { createMysqlDatabase, createRabbitVhost, createTestAuth, csrf } from '@storefront/testkit';
import { createOrderApp } from '../../src/app.js';
import { createCartsRepository } from '../../src/data-access/carts-repository.js';
import { createMysqlPool } from '../../src/data-access/connection.js';
import { migrate } from '../../src/data-access/migrate.js';
import { createOrdersRepository } from '../../src/data-access/orders-repository.js';
import { createOutboxStore } from '../../src/data-access/outbox-store.js';
import { createProductCatalog } from '../../src/data-access/product-catalog.js';

/**
 * The order service in-process against a throw-away MariaDB database and RabbitMQ vhost, wired as server.ts
 * wires it, pricing orders with the REAL product service (in-process too, on its own PostgreSQL and Redis).
 */
export async function startOrderService(options: { newCartsPerMinute?: number } = {}) {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const logger = createLogger('order-service-test', (process.env.ORDER_TEST_LOG as 'error') ?? 'silent');
    const vhost = await createRabbitVhost();
    cleanups.push(() => vhost.drop());
    const productRequests: { path: string; requestId: string | undefined }[] = [];
    const products = await startProductService({
      amqpUrl: vhost.url,
      onRequest: (req) =>
        productRequests.push({
          path: req.url ?? '',
          requestId: req.headers['x-request-id'] as string | undefined,
        }),
    });
    cleanups.push(() => products.close());
    // Plenty of everything, so an order fails for want of stock only where a test sets a product's stock itself.
    await products.pool.query(`UPDATE products SET stock = 1000`);

    const database = await createMysqlDatabase();
    cleanups.push(() => database.drop());
    await migrate(database.url);
    const pool = createMysqlPool(database.url);
    cleanups.push(() => pool.end());

    const broker = await createBroker({ url: vhost.url, logger });
    cleanups.push(() => broker.close());
    const relay = startOutboxRelay({ store: createOutboxStore(pool), broker, logger });
    cleanups.push(() => relay.stop());
    const catalog = createProductCatalog(
      products.url,
      serviceTokenSource(createServiceTokens(TEST_SERVICE_TOKEN_SECRET), 'order-service', 'product-service'),
    );
    const auth = await createTestAuth();

    const app = createOrderApp({
      logger,
      orders: createOrdersRepository(pool),
      carts: createCartsRepository(pool),
      cookieSecure: false,
      ...(options.newCartsPerMinute === undefined ? {} : { newCartsPerMinute: options.newCartsPerMinute }),
      catalog,
      kickRelay: () => relay.kick(),
      verifier: auth.verifier,
      sessionRegistry: products.sessionRegistry,
      readiness: {
        mysql: () => pool.query('SELECT 1'),
        broker: () => broker.check(),
        products: () => catalog.checkHealth(),
      },
    });
    const server = await startAppForTest(app);
    cleanups.push(() => server.close());
    return { url: server.url, pool, amqpUrl: vhost.url, auth, products, productRequests, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type OrderService = Awaited<ReturnType<typeof startOrderService>>;

/** A browser-like call: JSON body, the CSRF pair unless told otherwise, and the visitor's session cookie. */
export function call(
  service: OrderService,
  method: string,
  path: string,
  options: {
    body?: unknown;
    session?: string;
    /** More cookies of the visitor (e.g. `sf_cart_id=…`). */
    cookies?: string[];
    /** Send the body as a browser form does (application/x-www-form-urlencoded). */
    form?: boolean;
    csrf?: boolean;
    idempotencyKey?: string;
    requestId?: string;
  } = {},
) {
  const withCsrf = options.csrf !== false;
  const cookies = [withCsrf ? csrf.cookie : undefined, options.session, ...(options.cookies ?? [])].filter(
    Boolean,
  );
  const contentType = options.form ? 'application/x-www-form-urlencoded' : 'application/json';
  return fetch(`${service.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': contentType }),
      ...(withCsrf ? csrf.headers : {}),
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
      ...(options.idempotencyKey === undefined ? {} : { 'idempotency-key': options.idempotencyKey }),
      ...(options.requestId === undefined ? {} : { 'x-request-id': options.requestId }),
    },
    body:
      options.body === undefined
        ? undefined
        : options.form
          ? new URLSearchParams(options.body as Record<string, string>).toString()
          : JSON.stringify(options.body),
  });
}

/** Published catalog products by slug, read from the product service's own database. */
export async function catalogProducts(service: OrderService, ...slugs: string[]) {
  const { rows } = await service.products.pool.query<{
    id: string;
    slug: string;
    name: string;
    priceMinor: number;
  }>(`SELECT id, slug, name, price_minor AS "priceMinor" FROM products WHERE slug = ANY($1) ORDER BY slug`, [
    slugs,
  ]);
  return Object.fromEntries(rows.map((row) => [row.slug, row]));
}

export async function countRows(service: OrderService) {
  const count = async (table: string) => {
    const [rows] = await service.pool.query<RowDataPacket[]>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]!.n);
  };
  return { orders: await count('orders'), lines: await count('order_lines'), outbox: await count('outbox') };
}

/** A consumer of another service, bound to order.placed before anything is published. */
export async function consumeOrderEvents(amqpUrl: string, bindings = ['order.placed']) {
  const received: StorefrontEvent[] = [];
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange('storefront.events', 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  for (const binding of bindings) await channel.bindQueue(queue, 'storefront.events', binding);
  await channel.consume(queue, (message) => {
    if (!message) return;
    received.push(parseEvent(JSON.parse(message.content.toString())));
    channel.ack(message);
  });
  return { received, close: () => connection.close() };
}

/** Where the test orders go. */
export const deliveryAddress = {
  label: 'Home',
  line1: '12 Harbour Road',
  city: 'Bristol',
  postalCode: 'BS1 4QA',
  country: 'GB',
};
