import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lookupProduct } from '../src/lib/products';

// The layout remembers its product lookups to answer the proxy and the page with one call; a product that an
// editor publishes must not stay a 404 for the anonymous visitors meanwhile.
describe('a product published after a visitor saw its 404', () => {
  let server: Server;
  let published = false;
  let calls = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      calls += 1;
      if (!published || req.url !== '/products/lamp-published-later') {
        res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'p1',
          slug: 'lamp-published-later',
          name: 'Lamp',
          priceMinor: 1200,
          stock: 3,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    vi.stubEnv('PRODUCT_SERVICE_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    server.close();
  });

  const anonymous = { cookie: null, previewToken: null };

  it('when published, it is found by the next page request; a found product is remembered for half a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    expect((await lookupProduct('lamp-published-later', anonymous)).state).toBe('missing');
    // The proxy and the page of the same request share the one answer.
    expect((await lookupProduct('lamp-published-later', anonymous)).state).toBe('missing');
    expect(calls).toBe(1);

    published = true;
    vi.setSystemTime(Date.now() + 2_500);
    const live = await lookupProduct('lamp-published-later', anonymous);
    expect(live).toMatchObject({ state: 'found', value: { name: 'Lamp' } });
    expect(calls).toBe(2);

    // A found product is remembered for half a second (nginx keeps the page itself), then asked again: a price
    // change reaches the page's JSON-LD as fast as the page.
    vi.setSystemTime(Date.now() + 300);
    expect((await lookupProduct('lamp-published-later', anonymous)).state).toBe('found');
    expect(calls).toBe(2);
    vi.setSystemTime(Date.now() + 1_000);
    expect((await lookupProduct('lamp-published-later', anonymous)).state).toBe('found');
    expect(calls).toBe(3);
  });
});
