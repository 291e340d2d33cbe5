import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { orderList, type OrderView } from '@storefront/contracts';

export function order(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: randomUUID(),
    userId: randomUUID(),
    status: 'placed',
    totalMinor: 2500,
    currency: 'EUR',
    createdAt: new Date().toISOString(),
    lines: [{ productId: randomUUID(), name: 'Blue mug', unitPriceMinor: 1250, quantity: 2 }],
    address: null,
    ...overrides,
  };
}

export type FakeAnswer = { orders: OrderView[] } | { status: number; body?: string };

/**
 * Stands in for the order service's GET /orders. The orders it lists are checked against the contract first, so
 * the podlet is only tested with data the real service may send; `answer` switches what it says next.
 */
export async function startFakeOrderService(initial: FakeAnswer) {
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  let answer = initial;
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '/', headers: req.headers });
    if (req.method !== 'GET' || req.url !== '/orders') {
      res.writeHead(404).end();
      return;
    }
    if ('orders' in answer) {
      const body = orderList.parse({ items: answer.orders });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (next: FakeAnswer) => {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A URL where nothing listens: a port that was just free. */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
