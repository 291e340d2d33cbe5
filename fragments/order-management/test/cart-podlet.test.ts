import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPodletApp } from '@storefront/podlet-kit';
import { createLogger, startAppForTest } from '@storefront/service-kit';
import { encodeCartCookie, type CartItem } from '@storefront/store';
import { cartPodlet } from '../src/app.js';
import { clientDir, loadBuiltRenderer } from './support/built-podlet.js';

const XSS_NAME = '</script><script>alert(1)</script>';

const line = (overrides: Partial<CartItem>): CartItem => ({
  productId: '5b1f0c52-8a4e-4a57-9d61-1f7f1d3c2a01',
  slug: 'blue-mug',
  name: 'Blue mug',
  priceMinor: 1250,
  currency: 'EUR',
  quantity: 1,
  ...overrides,
});

function cartSlice(html: string): { items: CartItem[] } {
  const match = /<script type="application\/json" data-store-slice="cart">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no cart slice in the HTML');
  return JSON.parse(match[1]!);
}

describe('the order management (cart) podlet', () => {
  let podlet: { url: string; close(): Promise<void> };

  const cartPage = (cookie?: string) =>
    fetch(`${podlet.url}/cart`, { headers: cookie === undefined ? {} : { cookie } });

  beforeAll(async () => {
    const app = createPodletApp(
      cartPodlet({
        logger: createLogger('order-management', 'silent'),
        clientDir,
        render: await loadBuiltRenderer(),
      }),
    );
    podlet = await startAppForTest(app);
  });

  afterAll(async () => {
    await podlet?.close();
  });

  it('when the layout reads the manifest, every fingerprinted asset it lists is served with immutable caching', async () => {
    const manifest = (await (await fetch(`${podlet.url}/manifest.json`)).json()) as {
      js: { value: string; type: string }[];
      css: { value: string }[];
    };

    expect(manifest.js).toHaveLength(1);
    expect(manifest.js[0]!.type).toBe('module');
    for (const asset of [...manifest.js, ...manifest.css]) {
      expect(asset.value).toMatch(
        /^\/_fragments\/order-management\/assets\/entry-client-[\w-]{8,}\.(js|css)$/,
      );
      const response = await fetch(`${podlet.url}${asset.value.replace('/_fragments/order-management', '')}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('when the visitor has two lines in the cookie, the cart shows each with quantity and price, the total and the button', async () => {
    const items = [
      line({ name: 'Blue mug', quantity: 2, priceMinor: 1250 }),
      line({
        productId: '5b1f0c52-8a4e-4a57-9d61-1f7f1d3c2a02',
        slug: 'kettle',
        name: 'Red kettle',
        priceMinor: 4999,
      }),
    ];

    const response = await cartPage(`sf_cart=${encodeCartCookie(items)}; sf_csrf=abc`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain('<div data-fragment="order-management" data-locale="en-US">');
    expect(html).toMatch(/Blue mug<\/span><span class="cart-line-quantity">× (<!--\$-->)?2/);
    expect(html).toContain('€25.00');
    expect(html).toContain('€49.99');
    expect(html).toContain('Total: <strong>€74.99</strong>');
    expect(html).toContain('Place order');
    expect(html).toContain('window._$HY');
    expect(cartSlice(html)).toEqual({ items });
  });

  it('when a cart line is named like a script tag, it renders as text and its slice cannot close the script', async () => {
    const html = await (await cartPage(`sf_cart=${encodeCartCookie([line({ name: XSS_NAME })])}`)).text();

    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('&lt;/script>&lt;script>alert(1)&lt;/script>');
    // Solid's hydration bootstrap and the cart slice; nothing the visitor wrote.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(cartSlice(html).items[0]!.name).toBe(XSS_NAME);
  });

  it.each([
    ['not JSON', 'sf_cart=%7Bnot-json'],
    ['broken percent-encoding', 'sf_cart=%E0%A4%A'],
    ['an object instead of a list', `sf_cart=${encodeURIComponent('{"items":1}')}`],
    ['lines with the wrong types', `sf_cart=${encodeURIComponent('[{"productId":1,"quantity":"lots"}]')}`],
    ['no cookie at all', undefined],
  ])('when the cart cookie holds %s, the cart renders empty instead of failing', async (_case, cookie) => {
    const response = await cartPage(cookie);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('Your cart is empty.');
    expect(cartSlice(html)).toEqual({ items: [] });
  });

  it('when the layout asks for the fallback, it gets a small static snippet', async () => {
    const response = await fetch(`${podlet.url}/fallback`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Your cart is unavailable right now');
  });
});
