import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- the benchmarks' plain ESM tools
import { load } from './lib/tools.mjs';

describe("the benchmarks' load runs", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('when the run rotates through its own list of paths, pages with a fallback still count as degraded', async () => {
    server = createServer((request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        request.url === '/fell-back'
          ? '<div data-fragment-fallback="product-catalog"><p>Products are unavailable right now.</p></div>'
          : '<div data-fragment="product-catalog"><p>Products</p></div>',
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');

    const run = await load(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      connections: 1,
      amount: 20,
      requests: [
        { method: 'GET', path: '/whole' },
        { method: 'GET', path: '/fell-back' },
      ],
    });

    expect(run.total).toBe(20);
    expect(run.degraded).toBe(10);
    expect(run.missing).toBe('product-catalog 10');
  });
});
