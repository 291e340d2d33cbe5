import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileView } from '@storefront/contracts';
import { encodeCartCookie } from '@storefront/store';
import { chooseAddress } from '../src/ui/address.js';
import {
  cartLine,
  hydrationState,
  json,
  spawnBuiltPodlet,
  standIn,
  testIds,
  visibleText,
  XSS_NAME,
  type SpawnedPodlet,
} from './support/built-podlet.js';

const SESSION = 'sf_session=header.payload.signature';
const cart = `sf_cart=${encodeCartCookie([cartLine({ name: 'Blue mug', quantity: 2 })])}`;

const profile: ProfileView = {
  id: 'u-1',
  email: 'ada@example.test',
  name: 'Ada',
  role: 'customer',
  createdAt: '2025-01-01T00:00:00.000Z',
  phone: null,
  preferences: {
    'order.placed': { email: true, sms: false },
    'order.paid': { email: true, sms: false },
    'order.shipped': { email: true, sms: false },
    'order.cancelled': { email: true, sms: false },
  },
  addresses: [
    { label: 'Home', line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    { label: 'Office', line1: XSS_NAME, line2: 'Floor 3', city: 'Paris', postalCode: '75001', country: 'FR' },
  ],
};

describe('the checkout page', () => {
  let users: Awaited<ReturnType<typeof standIn>>;
  let podlet: SpawnedPodlet;
  let down: SpawnedPodlet;

  const checkout = (query = '', cookie = `${SESSION}; ${cart}`, target = podlet) =>
    fetch(`${target.url}/checkout${query}`, { headers: { cookie, 'x-request-id': 'req-checkout-1' } });

  beforeAll(async () => {
    // The user service's GET /users/me: the profile for the session cookie, 401 problem+json without it.
    users = await standIn((req, res) => {
      if (req.url !== '/users/me') return json(res, 404, {}, 'application/problem+json');
      if (!req.headers.cookie?.includes(SESSION))
        return json(
          res,
          401,
          { type: 'about:blank', title: 'Unauthorized', status: 401 },
          'application/problem+json',
        );
      return json(res, 200, profile);
    });
    [podlet, down] = await Promise.all([
      spawnBuiltPodlet({ userServiceUrl: users.url }),
      spawnBuiltPodlet({ userServiceUrl: 'http://127.0.0.1:9' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([podlet?.stop(), down?.stop()]);
    await users?.close();
  });

  it('when a signed-in visitor opens /checkout, the profile addresses are offered as labelled choices, with a new address form', async () => {
    users.requests.length = 0;
    const response = await checkout();
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(html).toContain('<h2 id="checkout-heading"');
    const choices = testIds(html, 'checkout-address');
    expect(choices).toHaveLength(2);
    expect(choices[0]).toMatch(/type="radio"/);
    expect(choices[0]).toMatch(/value="0"/);
    expect(choices[0]).toMatch(/checked/);
    expect(choices[1]).not.toMatch(/checked/);
    const text = visibleText(html);
    expect(text).toContain('Home: Hauptstraße 1, 10115 Berlin, DE');
    expect(html).toContain('<label for="checkout-address-1"');
    expect(testIds(html, 'checkout-address-new')).toHaveLength(1);
    for (const label of ['Street and number', 'City', 'Postal code', 'Country code (two letters)'])
      expect(text).toContain(label);
    expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/checkout"/);
    expect(testIds(html, 'review-order')[0]).toMatch(/type="submit"/);
    // The user service got the visitor's session cookie and the request id, nothing else of theirs.
    expect(users.requests).toHaveLength(1);
    expect(users.requests[0]!.headers.cookie).toBe(SESSION);
    expect(users.requests[0]!.headers['x-request-id']).toBe('req-checkout-1');
    // A profile address named like a script stays text, in the HTML and in the state the client hydrates from.
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html).toContain('&lt;/script>&lt;script>alert(1)&lt;/script>');
    expect(hydrationState(html)).toMatchObject({ view: { page: 'checkout', profile: { kind: 'ok' } } });
  });

  it('when the address form chose a profile address (no JavaScript), the review shows it, the lines, the total and Place order', async () => {
    const html = await (await checkout('?address=0')).text();
    const text = visibleText(html);

    expect(testIds(html, 'checkout-review')).toHaveLength(1);
    expect(testIds(html, 'checkout-address')).toHaveLength(0);
    expect(text).toContain('Delivery address Home Hauptstraße 1 10115 Berlin DE');
    expect(testIds(html, 'change-address')[0]).toContain('href="/checkout"');
    expect(text).toContain('Blue mug × 2 €25.00');
    expect(text).toContain('Total: €25.00');
    expect(testIds(html, 'place-order')).toHaveLength(1);
    // "Place order" is a form: without JavaScript the browser posts the address and this render's key itself.
    const form =
      /<form[^>]* class="place-order-form" method="post" action="\/api\/orders">(.*?)<\/form>/.exec(
        html,
      )?.[1];
    expect(form).toBeDefined();
    const fields = Object.fromEntries(
      [...form!.matchAll(/<input[^>]* type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
        ([, name, value]) => [name, value],
      ),
    );
    expect(fields).toEqual({
      _csrf: expect.any(String),
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      label: 'Home',
      line1: 'Hauptstraße 1',
      city: 'Berlin',
      postalCode: '10115',
      country: 'DE',
    });
    expect(testIds(html, 'place-order')[0]).toMatch(/type="submit"/);
  });

  it('when a new address was typed in, the review shows it; when it is incomplete, the form comes back with the errors and the values', async () => {
    const good = new URLSearchParams({
      address: 'new',
      label: '',
      line1: 'Rue de Rivoli 5',
      line2: '',
      city: 'Paris',
      postalCode: '75004',
      country: 'fr',
    });
    const review = visibleText(await (await checkout(`?${good}`)).text());
    expect(review).toContain('Delivery address New address Rue de Rivoli 5 75004 Paris FR');

    const bad = new URLSearchParams({
      address: 'new',
      line1: 'Rue de Rivoli 5',
      city: '',
      country: 'France',
    });
    const html = await (await checkout(`?${bad}`)).text();
    expect(testIds(html, 'address-errors')[0]).toContain('role="alert"');
    expect(visibleText(html)).toContain('City is required.');
    expect(visibleText(html)).toContain('Country code must be two letters');
    expect(html).toMatch(/id="new-address-line1"[^>]*value="Rue de Rivoli 5"/);
    expect(testIds(html, 'checkout-address-new')[0]).toMatch(/checked/);
  });

  it('when the visitor is signed out, /checkout asks them to sign in and the user service is not asked', async () => {
    users.requests.length = 0;
    const html = await (await checkout('', cart)).text();

    expect(visibleText(html)).toContain('Sign in to check out. Sign in');
    expect(testIds(html, 'sign-in-prompt')).toHaveLength(1);
    expect(html).toContain('<a href="/signin">Sign in</a>');
    expect(testIds(html, 'place-order')).toHaveLength(0);
    expect(users.requests).toHaveLength(0);
  });

  it('when the session cookie is refused by the user service (expired), /checkout asks to sign in too', async () => {
    const html = await (await checkout('', `sf_session=expired; ${cart}`)).text();

    expect(visibleText(html)).toContain('Sign in to check out.');
  });

  it('when the user service is down, the visitor can still type in an address', async () => {
    const response = await checkout('', `${SESSION}; ${cart}`, down);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(visibleText(html)).toContain(
      'Your saved addresses are unavailable right now; you can type one in.',
    );
    expect(testIds(html, 'checkout-address')).toHaveLength(0);
    expect(testIds(html, 'checkout-address-new')[0]).toMatch(/checked/);
  });

  it('when the cart is empty, checkout says so', async () => {
    const html = await (await checkout('', SESSION)).text();

    expect(visibleText(html)).toContain('Your cart is empty. Continue shopping');
  });
});

describe('choosing the delivery address', () => {
  const addresses = profile.addresses;

  it('when nothing was chosen yet, there is no choice; an unknown choice asks for one', () => {
    expect(chooseAddress({}, addresses)).toEqual({ kind: 'none' });
    expect(chooseAddress({ address: '7' }, addresses)).toMatchObject({ kind: 'invalid' });
  });

  it('when a profile address is chosen, it is that address', () => {
    expect(chooseAddress({ address: '1' }, addresses)).toEqual({ kind: 'chosen', address: addresses[1] });
  });

  it('when a long field is sent, it is refused like the user service would', () => {
    const choice = chooseAddress(
      { address: 'new', line1: 'x'.repeat(121), city: 'Paris', postalCode: '75004', country: 'FR' },
      addresses,
    );
    expect(choice).toEqual({
      kind: 'invalid',
      errors: [{ field: 'line1', message: 'Street and number is at most 120 characters.' }],
    });
  });
});
