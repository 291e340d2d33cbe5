import { describe, expect, it } from 'vitest';
import { spawnPodlet } from '@storefront/podlet-kit/testing';
import { encodeCartCookie } from '@storefront/store';
import { distDir } from './support/built-podlet.js';

describe('the built order management server', () => {
  it('when started with plain node, it renders the cart and exits cleanly on SIGTERM', async () => {
    const podlet = await spawnPodlet(`${distDir}server/server.js`);
    try {
      const cookie = `sf_cart=${encodeCartCookie([
        {
          productId: 'p-1',
          slug: 'teapot',
          name: 'Green teapot',
          priceMinor: 3000,
          currency: 'EUR',
          quantity: 1,
        },
      ])}`;
      const health = await fetch(`${podlet.url}/healthz`);
      const content = await (await fetch(`${podlet.url}/`, { headers: { cookie } })).text();

      expect(health.status).toBe(200);
      expect(content).toContain('Green teapot');
    } finally {
      expect(await podlet.stop()).toBe(0);
    }
  });
});
