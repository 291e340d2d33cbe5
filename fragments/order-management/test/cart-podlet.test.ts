import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPodletApp } from '@storefront/podlet-kit';
import { createLogger, startAppForTest } from '@storefront/service-kit';
import { encodeCartCookie } from '@storefront/store';
import { orderPodlet } from '../src/app.js';
import {
  cartLine as line,
  cartSlice,
  clientDir,
  hydrationState,
  loadBuiltRenderer,
  testIds,
  visibleText,
  XSS_NAME,
} from './support/built-podlet.js';

const twoLines = [
  line({ name: 'Blue mug', quantity: 2, priceMinor: 1250 }),
  line({
    productId: '5b1f0c52-8a4e-4a57-9d61-1f7f1d3c2a02',
    slug: 'kettle',
    name: 'Red kettle',
    priceMinor: 4999,
  }),
];

describe('the order management podlet: cart pages', () => {
  let podlet: { url: string; close(): Promise<void> };

  const page = (path: string, cookie?: string) =>
    fetch(`${podlet.url}${path}`, { headers: cookie === undefined ? {} : { cookie } });

  beforeAll(async () => {
    const app = createPodletApp(
      orderPodlet({
        logger: createLogger('order-management', 'silent'),
        clientDir,
        render: await loadBuiltRenderer(),
        // Nothing listens there: the cart pages never call a service.
        orderServiceUrl: 'http://127.0.0.1:9',
        userServiceUrl: 'http://127.0.0.1:9',
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
        /^\/_fragments\/order-management\/assets\/(entry-client|hydrate)-[\w-]{8,}\.(js|css)$/,
      );
      const response = await fetch(`${podlet.url}${asset.value.replace('/_fragments/order-management', '')}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('when the visitor opens /cart with two lines, each has a quantity form and a Remove form that post without JavaScript, then the total and checkout', async () => {
    const response = await page('/cart', `sf_cart=${encodeCartCookie(twoLines)}; sf_csrf=abc`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain('<div data-fragment="order-management" data-locale="en-US" data-page="cart">');
    expect(testIds(html, 'cart-line')).toHaveLength(2);
    const quantities = testIds(html, 'quantity');
    expect(quantities).toHaveLength(2);
    expect(quantities[0]).toMatch(/id="cart-quantity-0"/);
    expect(quantities[0]).toMatch(/value="2"/);
    expect(quantities[1]).toMatch(/value="1"/);
    expect(quantities[0]).toMatch(/type="number"/);
    expect(html).toMatch(
      /<label class="visually-hidden" for="cart-quantity-0">Quantity of (<!--\$-->)?Blue mug/,
    );
    const text = visibleText(html);
    expect(text).toContain(
      'Blue mug Quantity of Blue mug Update quantity of Blue mug €25.00 Remove Blue mug',
    );
    expect(text).toContain(
      'Red kettle Quantity of Red kettle Update quantity of Red kettle €49.99 Remove Red kettle',
    );
    expect(testIds(html, 'remove')).toHaveLength(2);
    expect(testIds(html, 'remove')[0]).toMatch(/^<button[^>]* type="submit"/);
    // Each line's two forms: PUT and DELETE on the cart API, spelt as a form can (`_method`), with the CSRF token.
    const forms = [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>(.*?)<\/form>/g)];
    expect(forms.map(([, action]) => action)).toEqual([
      `/api/orders/cart/items/${twoLines[0]!.productId}`,
      `/api/orders/cart/items/${twoLines[0]!.productId}`,
      `/api/orders/cart/items/${twoLines[1]!.productId}`,
      `/api/orders/cart/items/${twoLines[1]!.productId}`,
    ]);
    expect(forms[0]![0]).toMatch(/method="post"/);
    expect(forms[0]![2]).toMatch(/<input[^>]* type="hidden" name="_method" value="PUT"/);
    expect(forms[0]![2]).toMatch(/<input[^>]* type="hidden" name="_redirect" value="\/cart"/);
    expect(forms[0]![2]).toMatch(/name="quantity"/);
    expect(forms[1]![2]).toMatch(/<input[^>]* type="hidden" name="_method" value="DELETE"/);
    expect(forms[1]![2]).toMatch(/<input[^>]* type="hidden" name="_csrf" value="[^"]*"/);
    expect(text).toContain('Total: €74.99');
    expect(testIds(html, 'cart-total')).toHaveLength(1);
    expect(testIds(html, 'checkout-link')[0]).toContain('href="/checkout"');
    // An order needs its address: it is placed at checkout only.
    expect(testIds(html, 'place-order')).toHaveLength(0);
    expect(html).toContain('window._$HY');
    expect(cartSlice(html)).toEqual({ items: twoLines });
    // The cart pages hydrate from the cart slice alone.
    expect(hydrationState(html)).toBeUndefined();
  });

  it.each(['/', '/mini-cart'])(
    'when a page asks for %s, it gets the compact summary: names, count and total, links to /cart and /checkout',
    async (path) => {
      const response = await page(path, `sf_cart=${encodeCartCookie(twoLines)}`);
      const html = await response.text();
      const text = visibleText(html);

      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(html).toContain('data-page="mini-cart"');
      expect(testIds(html, 'cart-line')).toHaveLength(2);
      expect(text).toContain('Blue mug × 2');
      expect(text).toContain('Red kettle × 1');
      expect(text).toContain('3 items, total €74.99');
      expect(testIds(html, 'view-cart')[0]).toContain('href="/cart"');
      expect(testIds(html, 'checkout-link')[0]).toContain('href="/checkout"');
      expect(testIds(html, 'place-order')).toHaveLength(0);
      // Compact: no quantity fields or remove buttons.
      expect(testIds(html, 'quantity')).toHaveLength(0);
      expect(testIds(html, 'remove')).toHaveLength(0);
    },
  );

  it('when the cart is empty, the mini cart says so and offers no Place order', async () => {
    const html = await (await page('/mini-cart')).text();

    expect(visibleText(html)).toContain('Your cart is empty.');
    expect(testIds(html, 'place-order')).toHaveLength(0);
  });

  it.each(['/cart', '/mini-cart'])(
    'when a cart line on %s is named like a script tag, it renders as text and its slice cannot close the script',
    async (path) => {
      const html = await (await page(path, `sf_cart=${encodeCartCookie([line({ name: XSS_NAME })])}`)).text();

      expect(html).not.toContain('</script><script>alert(1)');
      expect(html).toContain('&lt;/script>&lt;script>alert(1)&lt;/script>');
      // Solid's hydration bootstrap and the cart slice; nothing the visitor wrote.
      expect(html.match(/<script/g)).toHaveLength(2);
      expect(cartSlice(html).items[0]!.name).toBe(XSS_NAME);
      expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    },
  );

  it.each([
    ['not JSON', 'sf_cart=%7Bnot-json'],
    ['broken percent-encoding', 'sf_cart=%E0%A4%A'],
    ['an object instead of a list', `sf_cart=${encodeURIComponent('{"items":1}')}`],
    ['lines with the wrong types', `sf_cart=${encodeURIComponent('[{"productId":1,"quantity":"lots"}]')}`],
    ['no cookie at all', undefined],
  ])('when the cart cookie holds %s, the cart renders empty instead of failing', async (_case, cookie) => {
    const response = await page('/cart', cookie);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('Your cart is empty.');
    expect(cartSlice(html)).toEqual({ items: [] });
  });

  it('when a page asks for a path this fragment does not serve, it answers 200 with nothing visible', async () => {
    const response = await page('/editor/products/new', `sf_cart=${encodeCartCookie(twoLines)}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain(
      '<div data-fragment="order-management" data-locale="en-US" data-page="none"></div>',
    );
    expect(visibleText(html)).toBe('');
  });

  it('when the layout asks for the fallback, it gets a small static snippet', async () => {
    const response = await fetch(`${podlet.url}/fallback`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Your cart is unavailable right now');
  });
});
