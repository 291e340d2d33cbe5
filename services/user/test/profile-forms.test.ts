import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotificationPreferences, profileView } from '@storefront/contracts';
import { csrf } from '@storefront/testkit';
import { call, signUp, startUserService, type UserService } from './support/user-service.js';

let service: UserService;

beforeAll(async () => {
  service = await startUserService();
});

afterAll(async () => {
  await service?.close();
});

const PAGE = '/account/profile';
const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** What a browser with JavaScript off sends when a form on the profile page is submitted. */
function formPost(session: string, path: string, fields: Record<string, string>) {
  return fetch(`${service.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ _csrf: csrf.headers['x-csrf-token'], _redirect: PAGE, ...fields }),
    headers: { accept: browser, referer: `http://shop.test${PAGE}`, cookie: `${csrf.cookie}; ${session}` },
  });
}

const profileOf = async (session: string) =>
  profileView.parse(await (await call(service, 'GET', '/users/me', { session })).json());

const berlin = { label: 'Home', line1: '1 Long Road', city: 'Berlin', postalCode: '10115', country: 'de' };

describe('the profile page without JavaScript', () => {
  it('when the name and phone form is posted, they are saved and the visitor is back on the page', async () => {
    const { session } = await signUp(service);

    const res = await formPost(session, '/users/me/profile', { name: 'Ada K.', phone: '+4915112345678' });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(PAGE);
    expect(await profileOf(session)).toMatchObject({ name: 'Ada K.', phone: '+4915112345678' });
  });

  it('when the phone field is emptied, the number is removed', async () => {
    const { session } = await signUp(service);
    await formPost(session, '/users/me/profile', { name: 'Ada', phone: '+4915112345678' });

    await formPost(session, '/users/me/profile', { name: 'Ada', phone: '  ' });

    expect((await profileOf(session)).phone).toBeNull();
  });

  it('when the phone is not a number, the page comes back naming the field and nothing changes', async () => {
    const { session, visitor } = await signUp(service);

    const res = await formPost(session, '/users/me/profile', { _form: 'profile', name: 'X', phone: '12345' });

    expect(res.headers.get('location')).toBe(`${PAGE}?form_error=400&form=profile&form_fields=phone`);
    expect((await profileOf(session)).name).toBe(visitor.name);
  });

  it('when an address is added, edited and removed by its forms, the list follows each step', async () => {
    const { session } = await signUp(service);

    expect((await formPost(session, '/users/me/addresses', { ...berlin, line2: '' })).status).toBe(303);
    expect((await profileOf(session)).addresses).toEqual([{ ...berlin, country: 'DE' }]);

    await formPost(session, '/users/me/addresses/0', { ...berlin, city: 'Potsdam', line2: 'Back house' });
    expect((await profileOf(session)).addresses).toEqual([
      { ...berlin, city: 'Potsdam', line2: 'Back house', country: 'DE' },
    ]);

    await formPost(session, '/users/me/addresses/0/remove', {});
    expect((await profileOf(session)).addresses).toEqual([]);
  });

  it('when the edited address no longer exists, the page comes back with 404 for that form', async () => {
    const { session } = await signUp(service);

    const res = await formPost(session, '/users/me/addresses/3', { _form: 'address-3', ...berlin });

    expect(res.headers.get('location')).toBe(`${PAGE}?form_error=404&form=address-3`);
  });

  it('when ten addresses are kept, an eleventh is refused with 409', async () => {
    const { session } = await signUp(service);
    for (let added = 0; added < 10; added++) await formPost(session, '/users/me/addresses', berlin);

    const res = await formPost(session, '/users/me/addresses', { _form: 'address-new', ...berlin });

    expect(res.headers.get('location')).toBe(`${PAGE}?form_error=409&form=address-new`);
    expect((await profileOf(session)).addresses).toHaveLength(10);
  });

  it('when the preferences grid is posted, a ticked box is on and every other one off', async () => {
    const { session } = await signUp(service);

    await formPost(session, '/users/me/preferences', { 'order.shipped.sms': 'on', 'order.paid.email': 'on' });

    const off = { email: false, sms: false };
    expect((await profileOf(session)).preferences).toEqual({
      ...defaultNotificationPreferences,
      'order.placed': off,
      'order.paid': { email: true, sms: false },
      'order.shipped': { email: false, sms: true },
      'order.cancelled': off,
    });
  });

  it('when a form names a field the route does not know, it answers 400 naming it', async () => {
    const { session } = await signUp(service);

    const res = await call(service, 'POST', '/users/me/preferences', {
      session,
      body: { 'order.shipped.fax': 'on' },
    });

    expect(res.status).toBe(400);
  });

  it('when the session has ended, a form post comes back to the page with 401', async () => {
    const res = await formPost('sf_session=not-a-token', '/users/me/profile', {
      _form: 'profile',
      name: 'X',
    });

    expect(res.headers.get('location')).toBe(`${PAGE}?form_error=401&form=profile`);
  });
});

describe('the same routes from a script', () => {
  it('when JSON is sent, the answer is the profile as JSON', async () => {
    const { session } = await signUp(service);

    const res = await call(service, 'POST', '/users/me/addresses', { session, body: berlin });

    expect(res.status).toBe(200);
    expect(profileView.parse(await res.json()).addresses).toHaveLength(1);
  });
});
