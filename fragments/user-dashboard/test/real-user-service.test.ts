import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNotificationPreferences, type Address } from '@storefront/contracts';
import type { SpawnedPodlet } from '@storefront/podlet-kit/testing';
import { csrf } from '@storefront/testkit';
import {
  call,
  signUp,
  signUpAs,
  startUserService,
  type UserService,
} from '../../../services/user/test/support/user-service.js';
import {
  changePassword,
  LOGIN_URL,
  refreshSession,
  signOutEverywhere,
  submitCredentials,
  updateProfile,
  type Send,
} from '../src/ui/account-api.js';
import { startBuiltPodlet } from './support/built-podlet.js';
import { unusedUrl } from './support/fake-order-service.js';
import { visibleText } from './support/html.js';

const home: Address = {
  label: 'Home',
  line1: '1 Main Street',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

/**
 * The browser's side of a visitor, against the real user service: the dashboard's calls to `/api/users/...` reach
 * the service with `/api` stripped (as nginx does), with the visitor's cookies; a new session cookie is kept.
 */
function browserOf(service: UserService, session: string) {
  const jar = { session };
  const send = (async (url: string, init: RequestInit = {}) => {
    const response = await fetch(`${service.url}${url.replace(/^\/api/, '')}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie: `${csrf.cookie}; ${jar.session}` },
    });
    const set = response.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
    if (set) jar.session = set.split(';')[0]!;
    return response;
  }) as Send;
  return { send, jar, headers: csrf.headers };
}

describe('the user dashboard against the real user service', () => {
  let service: UserService;
  let podlet: SpawnedPodlet;

  const page = async (path: string, session: string) => {
    const response = await fetch(`${podlet.url}${path}`, {
      headers: { cookie: `${session}; ${csrf.cookie}`, 'podium-mount-pathname': path },
    });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    service = await startUserService();
    podlet = await startBuiltPodlet({
      AUTH_PUBLIC_KEY: service.auth.publicKey,
      USER_SERVICE_URL: service.url,
      ORDER_SERVICE_URL: await unusedUrl(),
      NOTIFICATION_SERVICE_URL: await unusedUrl(),
    });
  }, 60_000);

  afterAll(async () => {
    if (podlet) await podlet.stop();
    await service?.close();
  });

  it('when a customer saves name and phone, the profile page shows them and a refreshed session carries the new name', async () => {
    const { session } = await signUp(service, { name: 'Ada' });
    const browser = browserOf(service, session);

    const saved = await updateProfile(
      { name: 'Ada Lovelace', phone: '+4915112345678' },
      browser.headers,
      browser.send,
    );
    const refreshed = await refreshSession(browser.headers, browser.send);

    expect(saved).toMatchObject({
      kind: 'saved',
      profile: { name: 'Ada Lovelace', phone: '+4915112345678' },
    });
    expect(refreshed).toMatchObject({ kind: 'signed-in', user: { name: 'Ada Lovelace', role: 'customer' } });
    const html = await page('/account/profile', browser.jar.session);
    expect(visibleText(html)).toContain('Signed in as Ada Lovelace');
    expect(html).toMatch(/id="user-dashboard-profile-phone"[^>]*value="\+4915112345678"/);
  });

  it('when the phone is not an international number, the error names the phone field', async () => {
    const { session } = await signUp(service);
    const browser = browserOf(service, session);

    const outcome = await updateProfile({ phone: '0151 123' }, browser.headers, browser.send);

    expect(outcome).toMatchObject({
      kind: 'failed',
      fields: { phone: expect.stringContaining('international number') },
    });
  });

  it('when a customer adds, edits and removes addresses, each save is the stored list, and ten is the most', async () => {
    const { session } = await signUp(service);
    const browser = browserOf(service, session);
    const save = (addresses: Address[]) => updateProfile({ addresses }, browser.headers, browser.send);

    expect(await save([home])).toMatchObject({ kind: 'saved', profile: { addresses: [home] } });
    const work = { ...home, label: 'Work', line2: 'Floor 3' };
    expect(await save([home, work])).toMatchObject({ profile: { addresses: [home, work] } });
    const moved = { ...home, city: 'Hamburg', postalCode: '20095' };
    expect(await save([moved, work])).toMatchObject({ profile: { addresses: [moved, work] } });
    expect(await save([work])).toMatchObject({ profile: { addresses: [work] } });

    const ten = Array.from({ length: 10 }, (_, index) => ({ ...home, label: `Place ${index}` }));
    expect(await save(ten)).toMatchObject({ kind: 'saved' });
    const html = await page('/account/profile', browser.jar.session);
    expect(html.match(/data-testid="address"/g)).toHaveLength(10);
    expect(html).not.toContain('data-testid="address-form"');

    const eleven = await save([...ten, home]);
    expect(eleven).toMatchObject({ kind: 'failed', fields: { addresses: expect.any(String) } });

    const invalid = await save([{ ...home, city: '' }]);
    expect(invalid).toMatchObject({ kind: 'failed', fields: { 'addresses.0.city': 'is required' } });
  });

  it('when a customer saves notification preferences, the grid shows them checked', async () => {
    const { session } = await signUp(service);
    const browser = browserOf(service, session);
    const preferences = {
      ...defaultNotificationPreferences,
      'order.shipped': { email: false, sms: true },
    };

    expect(await updateProfile({ preferences }, browser.headers, browser.send)).toMatchObject({
      kind: 'saved',
      profile: { preferences },
    });
    const html = await page('/account/profile', browser.jar.session);
    expect(html).toMatch(/id="user-dashboard-pref-order-shipped-sms"[^>]*checked=""/);
    expect(html).not.toMatch(/id="user-dashboard-pref-order-shipped-email"[^>]*checked/);
    expect(html).toMatch(/id="user-dashboard-pref-order-paid-email"[^>]*checked=""/);
  });

  it('when the current password is wrong, the error sits with that field; when right, the password changes', async () => {
    const { session, visitor } = await signUp(service);
    const browser = browserOf(service, session);

    const wrong = await changePassword(
      { currentPassword: 'not my password', newPassword: 'a brand new secret' },
      browser.headers,
      browser.send,
    );
    const right = await changePassword(
      { currentPassword: visitor.password, newPassword: 'a brand new secret' },
      browser.headers,
      browser.send,
    );

    expect(wrong).toMatchObject({ kind: 'failed', fields: { currentPassword: 'is not correct' } });
    expect(right).toEqual({ kind: 'done' });
    const login = await call(service, 'POST', '/users/login', {
      body: { email: visitor.email, password: 'a brand new secret' },
    });
    expect(login.status).toBe(200);
  });

  it('when the password form is posted without JavaScript, the service answers 303 back to the profile page', async () => {
    const { session, visitor } = await signUp(service);

    const response = await fetch(`${service.url}/users/me/password`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `${csrf.cookie}; ${session}`,
      },
      body: new URLSearchParams({
        _csrf: csrf.token,
        _redirect: '/account/profile',
        currentPassword: visitor.password,
        newPassword: 'posted without script',
      }).toString(),
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account/profile');
  });

  it('when sign-ins keep failing, the lockout tells the visitor how many minutes to wait', async () => {
    const { visitor } = await signUp(service);
    const browser = browserOf(service, '');
    const attempt = () =>
      submitCredentials(
        LOGIN_URL,
        { email: visitor.email, password: 'wrong password' },
        browser.headers,
        browser.send,
      );

    for (let failures = 0; failures < 4; failures += 1) expect((await attempt()).kind).toBe('failed');
    const locked = await attempt();

    expect(locked).toMatchObject({
      kind: 'failed',
      // The first wait of the per-client backoff: 30 seconds, rounded up.
      message: 'Too many failed attempts. Try again in 1 minute.',
    });
  });

  it('when a customer signs out everywhere, their sessions stop working', async () => {
    const { session } = await signUp(service);
    const browser = browserOf(service, session);

    expect(await signOutEverywhere(browser.headers, browser.send)).toEqual({ kind: 'done' });
    expect((await call(service, 'GET', '/users/me', { session })).status).toBe(401);
  });

  it('when an editor signs in, the dashboard shows the badge and the way to the editor', async () => {
    const { session } = await signUpAs(service, 'editor');

    for (const path of ['/', '/account']) {
      const html = await page(path, session);
      expect(html).toMatch(/data-testid="role-badge"[^>]*data-role="editor"[^>]*>Editor<\/span>/);
      expect(html).toContain('href="/editor"');
    }
  });
});
