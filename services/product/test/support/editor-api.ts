import amqp from 'amqplib';
import { parseEvent, type StorefrontEvent } from '@storefront/contracts';
import { csrf } from '@storefront/testkit';
import type { ProductService } from './product-service.js';

/** A browser-like call: JSON body, the CSRF pair unless told otherwise, and the visitor's cookies. */
export function call(
  service: ProductService,
  method: string,
  path: string,
  options: { body?: unknown; session?: string; csrf?: boolean; headers?: Record<string, string> } = {},
) {
  const withCsrf = options.csrf !== false;
  const cookies = [withCsrf ? csrf.cookie : undefined, options.session].filter(Boolean);
  return fetch(`${service.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(withCsrf ? csrf.headers : {}),
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** Everything published on product.# in the service's vhost, from the moment this is called. */
export async function recordProductEvents(amqpUrl: string) {
  const received: StorefrontEvent[] = [];
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange('storefront.events', 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, 'storefront.events', 'product.#');
  await channel.consume(queue, (message) => {
    if (!message) return;
    received.push(parseEvent(JSON.parse(message.content.toString())));
    channel.ack(message);
  });
  return {
    received,
    /** The events about one product, once `count` of them arrived and a moment passed in which no more came. */
    async about(productId: string, count: number): Promise<StorefrontEvent[]> {
      const mine = () =>
        received.filter((event) => 'productId' in event.data && event.data.productId === productId);
      const deadline = Date.now() + 10_000;
      while (mine().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // A duplicate would arrive right behind the first: wait a little longer for one.
      await new Promise((r) => setTimeout(r, 300));
      return mine();
    },
    close: () => connection.close(),
  };
}

/** Rows that count as "something was written". */
export async function writeCounts(service: ProductService) {
  const { rows } = await service.pool.query<{ products: number; outbox: number; categories: number }>(
    `SELECT (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT count(*)::int FROM categories) AS categories`,
  );
  return rows[0]!;
}
