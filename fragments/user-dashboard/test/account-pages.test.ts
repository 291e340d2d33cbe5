import { PRIVATE_FRAGMENT_CACHE, PUBLIC_FRAGMENT_CACHE } from '@storefront/podlet-kit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultNotificationPreferences,
  notificationList,
  profileView,
  type NotificationView,
  type ProfileView,
} from '@storefront/contracts';
import type { SpawnedPodlet } from '@storefront/podlet-kit/testing';
import { createTestAuth, csrf } from '@storefront/testkit';
import { startBuiltPodlet } from './support/built-podlet.js';
import { startFakeOrderService, unusedUrl } from './support/fake-order-service.js';
import { startStandIn } from './support/fake-service.js';
import { sessionSlice, visibleText } from './support/html.js';

const ROOT = '<div data-fragment="user-dashboard"';
const XSS = '</script><script>alert(1)</script>';

function notification(overrides: Partial<NotificationView> = {}): NotificationView {
  return {
    id: randomUUID(),
    eventId: randomUUID(),
    userId: randomUUID(),
    channel: 'email',
    template: 'order-placed',
    to: 'ada@example.test',
    subject: 'Your order was placed',
    body: 'Thank you for your order.',
    createdAt: '2026-03-01T10:00:00.000Z',
    status: 'sent',
    ...overrides,
  };
}

const address = (label: string) => ({
  label,
  line1: '1 Infinite Loop',
  city: 'Cupertino',
  postalCode: '95014',
  country: 'US',
});

function profile(overrides: Partial<ProfileView> = {}): ProfileView {
  return profileView.parse({
    id: randomUUID(),
    email: 'ada@example.test',
    name: 'Ada Lovelace',
    role: 'customer',
    createdAt: '2026-01-01T00:00:00.000Z',
    phone: '+4915112345678',
    addresses: [address('Home')],
    preferences: { ...defaultNotificationPreferences, 'order.shipped': { email: true, sms: true } },
    ...overrides,
  });
}

/** Every `<label for>` names an element of the HTML (assistive technology and getByLabel find each field). */
function expectLabelledInputs(html: string) {
  const inputs = [...html.matchAll(/<input(?![^>]*type="hidden")[^>]*>/g)].map((match) => match[0]);
  for (const input of inputs) {
    const id = /\sid="([^"]+)"/.exec(input)?.[1];
    expect(id, input).toBeTruthy();
    expect(html, `label for ${id}`).toContain(`<label for="${id}"`);
  }
}

describe('the account pages of the user dashboard podlet', () => {
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  let orders: Awaited<ReturnType<typeof startFakeOrderService>>;
  let users: Awaited<ReturnType<typeof startStandIn>>;
  let notifications: Awaited<ReturnType<typeof startStandIn>>;
  let podlet: SpawnedPodlet;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${podlet.url}${path}`, { headers: { 'podium-mount-pathname': path, ...csrf.page, ...headers } });
  const signedIn = async (user: Parameters<typeof auth.sessionCookie>[0] = {}) =>
    `${await auth.sessionCookie(user)}; ${csrf.cookie}`;

  beforeAll(async () => {
    auth = await createTestAuth();
    orders = await startFakeOrderService({ orders: [] });
    users = await startStandIn('/users/me', { status: 200, body: profile() });
    notifications = await startStandIn('/notifications', { status: 200, body: { items: [] } });
    podlet = await startBuiltPodlet({
      AUTH_PUBLIC_KEY: auth.publicKey,
      ORDER_SERVICE_URL: orders.url,
      USER_SERVICE_URL: users.url,
      NOTIFICATION_SERVICE_URL: notifications.url,
    });
  });

  afterAll(async () => {
    if (podlet) expect(await podlet.stop()).toBe(0);
    await Promise.all([orders?.close(), users?.close(), notifications?.close()]);
  });

  it.each([
    ['/', 'profile', 'sign-in-form'],
    ['/account', 'profile-summary', 'sign-in-form'],
    ['/account/profile', 'profile-form', 'sign-in-form'],
    ['/account/notifications', 'notifications', 'sign-in-form'],
    ['/signin', 'signed-in-note', 'sign-in-form'],
    ['/signup', 'signed-in-note', 'sign-up-form'],
  ])(
    'when %s is asked, it answers 200 with %s signed in (private) and %s signed out (public)',
    async (path, signedInPart, signedOutPart) => {
      for (const [cookie, part, cacheControl] of [
        [await signedIn(), signedInPart, PRIVATE_FRAGMENT_CACHE],
        [csrf.cookie, signedOutPart, PUBLIC_FRAGMENT_CACHE],
      ] as const) {
        const response = await get(path, { cookie });
        const html = await response.text();

        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe(cacheControl);
        expect(html.startsWith(ROOT)).toBe(true);
        expect(html).toContain(`data-testid="${part}"`);
        expectLabelledInputs(html);
      }
    },
  );

  it('when the layout includes the fragment at / on the sign-in page, the page path still picks the sign-in form', async () => {
    const html = await (
      await fetch(`${podlet.url}/`, { headers: { cookie: csrf.cookie, 'podium-mount-pathname': '/signin' } })
    ).text();

    expect(html).toContain('data-testid="sign-in-form"');
    expect(html).not.toContain('data-testid="sign-up-form"');
  });

  it('when a signed-out visitor opens /signin or /signup, the one form posts without JavaScript and comes back to /account', async () => {
    const signIn = await (await get('/signin', { cookie: csrf.cookie })).text();
    const signUp = await (await get('/signup', { cookie: csrf.cookie })).text();

    expect(signIn).toContain('data-testid="sign-in-form"');
    expect(signIn).not.toContain('data-testid="sign-up-form"');
    expect(signIn).toContain('href="/signup"');
    expect(signUp).toContain('data-testid="sign-up-form"');
    expect(signUp).not.toContain('data-testid="sign-in-form"');
    for (const html of [signIn, signUp]) {
      expect(html).toContain(`<input type="hidden" name="_csrf" value="${csrf.token}">`);
      expect(html).toContain('<input type="hidden" name="_redirect" value="/account">');
    }
  });

  it.each(['/account', '/account/profile', '/account/notifications'])(
    'when a signed-out visitor opens %s, they see the sign-in form coming back to that page, and no service is asked',
    async (path) => {
      const asked = users.requests.length + notifications.requests.length + orders.requests.length;

      const response = await get(path, { cookie: csrf.cookie });
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(html).toContain('data-testid="sign-in-form"');
      expect(html).toContain('action="/api/users/login"');
      expect(html).toContain(`<input type="hidden" name="_redirect" value="${path}">`);
      expect(visibleText(html)).toContain('Please sign in to see your account.');
      expect(html).not.toContain('data-testid="profile"');
      expect(sessionSlice(html)).toEqual({ user: null });
      expect(users.requests.length + notifications.requests.length + orders.requests.length).toBe(asked);
    },
  );

  describe('when a plain form post failed and came back to its page', () => {
    const page = (path: string, cookie: string) =>
      fetch(`${podlet.url}${path}`, {
        headers: { 'podium-mount-pathname': path.split('?')[0]!, ...csrf.page, cookie },
      });
    const alertText = (html: string) =>
      visibleText(/<sf-form-error[^>]*role="alert"[\s\S]*?<\/sf-form-error>/.exec(html)?.[0] ?? '');

    it('the sign-in form says the email or password is wrong, in an alert', async () => {
      const html = await (await page('/signin?form_error=401&form=sign-in', csrf.cookie)).text();

      expect(alertText(html)).toBe('The email or password is not correct.');
    });

    it('the sign-up form on the home page shows a failure meant for it, and the sign-in form stays quiet', async () => {
      const html = await (await page('/?form_error=409&form=sign-up', csrf.cookie)).text();

      const signUp = /<form[^>]*data-testid="sign-up-form"[\s\S]*?<\/form>/.exec(html)![0];
      const signIn = /<form[^>]*data-testid="sign-in-form"[\s\S]*?<\/form>/.exec(html)![0];
      expect(alertText(signUp)).toBe('An account with this email already exists.');
      expect(signIn).not.toContain('role="alert"');
    });

    it('a query made by hand shows nothing it does not know', async () => {
      const html = await (await page('/signin?form_error=%3Cscript%3E&form=sign-in', csrf.cookie)).text();

      expect(html).not.toContain('role="alert"');
      expect(html).not.toContain('<script>');
    });

    it('the profile form marks the field the service named', async () => {
      users.answer({ status: 200, body: profile() });

      const html = await (
        await page('/account/profile?form_error=400&form=profile&form_fields=phone', await signedIn())
      ).text();

      const form = /<form[^>]*data-testid="profile-form"[\s\S]*?<\/form>/.exec(html)![0];
      expect(form).toMatch(/id="user-dashboard-profile-phone"[^>]*aria-invalid="true"/);
      expect(visibleText(form)).toContain('Please check this field.');
      expect(form).not.toMatch(/id="user-dashboard-profile-name"[^>]*aria-invalid/);
    });

    it('a failed edit of an address opens that address for editing, its field marked', async () => {
      users.answer({ status: 200, body: profile() });

      const html = await (
        await page('/account/profile?form_error=400&form=address-0&form_fields=city', await signedIn())
      ).text();

      const edit = /<form[^>]*action="\/api\/users\/me\/addresses\/0"[\s\S]*?<\/form>/.exec(html)![0];
      expect(edit).toContain('<input type="hidden" name="_form" value="address-0">');
      expect(edit).toMatch(/id="user-dashboard-address-0-city"[^>]*aria-invalid="true"/);
    });

    it('"Edit" without JavaScript (?edit=0) opens the address as a form with a Cancel link back', async () => {
      users.answer({ status: 200, body: profile() });

      const html = await (await page('/account/profile?edit=0', await signedIn())).text();

      const edit = /<form[^>]*action="\/api\/users\/me\/addresses\/0"[\s\S]*?<\/form>/.exec(html)![0];
      expect(edit).toMatch(/<input id="user-dashboard-address-0-city"[^>]*value="Cupertino"/);
      expect(edit).toMatch(/<a class="button secondary" href="\/account\/profile">Cancel<\/a>/);
    });
  });

  describe('the password reset pages', () => {
    it('when /password/forgot is opened, one public form asks for the email and comes back with ?sent=1', async () => {
      const response = await get('/password/forgot', { cookie: csrf.cookie });
      const html = await response.text();

      expect(response.headers.get('cache-control')).toBe(PUBLIC_FRAGMENT_CACHE);
      const form = /<form[^>]*data-testid="forgot-password-form"[\s\S]*?<\/form>/.exec(html)![0];
      expect(form).toContain('method="post"');
      expect(form).toContain('action="/api/users/password/forgot"');
      expect(form).toContain(`<input type="hidden" name="_csrf" value="${csrf.token}">`);
      expect(form).toContain('<input type="hidden" name="_redirect" value="/password/forgot?sent=1">');
      expect(form).not.toContain('data-testid="reset-link-sent"');
      expectLabelledInputs(html);
    });

    it('when the form came back with ?sent=1, it says a link is on its way if the account exists', async () => {
      const html = await (
        await fetch(`${podlet.url}/password/forgot?sent=1`, {
          headers: { 'podium-mount-pathname': '/password/forgot', ...csrf.page, cookie: csrf.cookie },
        })
      ).text();

      expect(visibleText(html)).toContain('If an account exists for this address, we have sent it a link');
    });

    it('when a gone link sent the visitor here, the form says so', async () => {
      const html = await (
        await fetch(`${podlet.url}/password/forgot?form_error=410&form=reset-link`, {
          headers: { 'podium-mount-pathname': '/password/forgot', ...csrf.page, cookie: csrf.cookie },
        })
      ).text();

      expect(visibleText(html)).toContain('This password reset link has expired or was already used.');
    });

    it('when /password/reset is opened, the new-password form posts on its own and goes to the account', async () => {
      const html = await (await get('/password/reset', { cookie: csrf.cookie })).text();

      const form = /<form[^>]*data-testid="reset-password-form"[\s\S]*?<\/form>/.exec(html)![0];
      expect(form).toContain('action="/api/users/password/reset"');
      expect(form).toMatch(
        /<input id="user-dashboard-reset-password" name="password" type="password"[^>]*minlength="8"/,
      );
      expect(form).toContain('<input type="hidden" name="_redirect" value="/account">');
      expect(html).toContain('href="/password/forgot"');
      expectLabelledInputs(html);
    });

    it('the sign-in form links to "Forgot password?"', async () => {
      const html = await (await get('/signin', { cookie: csrf.cookie })).text();

      expect(html).toMatch(/<a href="\/password\/forgot">Forgot password\?<\/a>/);
    });
  });

  it('when a signed-in visitor opens the delivery log, each notification shows its subject, channel and status, asked with their session only', async () => {
    const items = [
      notification({ subject: 'Order placed', status: 'sent', createdAt: '2026-03-01T10:00:00.000Z' }),
      notification({
        subject: 'Order paid',
        channel: 'sms',
        status: 'suppressed',
        createdAt: '2026-03-02T10:00:00.000Z',
      }),
      notification({ subject: 'Order shipped', status: 'failed', createdAt: '2026-03-03T10:00:00.000Z' }),
    ];
    notifications.answer({ status: 200, body: notificationList.parse({ items }) });
    const session = await auth.sessionCookie({ name: 'Ada' });

    const response = await get('/account/notifications', {
      cookie: `${session}; ${csrf.cookie}; sf_cart=%5B%5D`,
      'x-request-id': 'req-notifications-1',
    });
    const html = await response.text();

    expect(response.status).toBe(200);
    const listed = [...html.matchAll(/<li data-testid="notification"[\s\S]*?<\/li>/g)].map((match) =>
      visibleText(match[0]),
    );
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatch(/^Order shipped Email Failed/);
    expect(listed[1]).toMatch(/^Order paid SMS Not sent/);
    expect(listed[2]).toMatch(/^Order placed Email Sent/);
    expect(html).toContain('data-status="suppressed"');
    // Bodies and recipients stay with the service: the log shows what was sent, not the message.
    expect(html).not.toContain('Thank you for your order.');
    const asked = notifications.requests.at(-1)!;
    expect(asked.url).toBe('/notifications');
    expect(asked.headers.cookie).toBe(session);
    expect(asked.headers['x-request-id']).toBe('req-notifications-1');
  });

  it('when a signed-in visitor has no notifications yet, the log says so', async () => {
    notifications.answer({ status: 200, body: { items: [] } });

    const html = await (await get('/account/notifications', { cookie: await signedIn() })).text();

    expect(visibleText(html)).toContain('You have no notifications yet.');
  });

  it.each([
    ['answers 500', { status: 500, body: { title: 'Internal Server Error', status: 500 } }],
    ['answers outside its contract', { status: 200, body: { items: [{ id: 1 }] } }],
    ['refuses the session (401)', { status: 401, body: { title: 'Unauthorized', status: 401 } }],
  ])(
    'when the notification service %s, the log page still answers 200 saying notifications are unavailable',
    async (_case, answer) => {
      notifications.answer(answer);

      const response = await get('/account/notifications', { cookie: await signedIn({ name: 'Grace' }) });
      const text = visibleText(await response.text());

      expect(response.status).toBe(200);
      expect(text).toContain('Signed in as Grace');
      expect(text).toContain('Notifications are unavailable right now');
    },
  );

  it('when a signed-in visitor opens /account, it shows the profile summary and the five latest notifications', async () => {
    users.answer({
      status: 200,
      body: profile({ phone: null, addresses: [address('Home'), address('Work')] }),
    });
    const items = Array.from({ length: 7 }, (_, index) =>
      notification({
        subject: `Message ${index}`,
        createdAt: new Date(Date.UTC(2026, 0, index + 1)).toISOString(),
      }),
    );
    notifications.answer({ status: 200, body: { items } });

    const html = await (await get('/account', { cookie: await signedIn({ name: 'Ada Lovelace' }) })).text();
    const text = visibleText(html);

    expect(text).toContain('Signed in as Ada Lovelace');
    expect(html).toContain('data-testid="profile-summary"');
    expect(visibleText(/data-testid="profile-phone">[^<]*/.exec(html)![0])).toContain('Not set');
    expect(text).toContain('2 saved');
    expect(html.match(/data-testid="notification"/g)).toHaveLength(5);
    expect(text.indexOf('Message 6')).toBeLessThan(text.indexOf('Message 2'));
    expect(text).not.toContain('Message 1 ');
    expect(html).toContain('href="/account/notifications"');
    expect(html).toContain('data-testid="sign-out-everywhere-form"');
    expect(html).toContain('action="/api/users/me/sessions/revoke-all"');
    expect(html).toMatch(/<a href="\/account" aria-current="page">Overview<\/a>/);
  });

  it('when both services fail on /account, the page still answers 200 and says so for each part', async () => {
    users.answer({ status: 503, body: {} });
    notifications.answer({ status: 503, body: {} });

    const response = await get('/account', { cookie: await signedIn() });
    const text = visibleText(await response.text());

    expect(response.status).toBe(200);
    expect(text).toContain('Your profile is unavailable right now.');
    expect(text).toContain('Notifications are unavailable right now.');
    expect(text).toContain('Sign out everywhere');
  });

  it('when a signed-in visitor opens /account/profile, the forms hold their name, phone, addresses and preferences, labelled and grouped', async () => {
    users.answer({ status: 200, body: profile() });

    const html = await (await get('/account/profile', { cookie: await signedIn() })).text();

    const profileForm = /<form[^>]*data-testid="profile-form"[\s\S]*?<\/form>/.exec(html)![0];
    expect(profileForm).toMatch(/<input id="user-dashboard-profile-name"[^>]*value="Ada Lovelace"/);
    expect(profileForm).toMatch(/<input id="user-dashboard-profile-phone"[^>]*value="\+4915112345678"/);
    // Every form of the page is a plain form post to its own route, back to this page, before any JavaScript.
    expect(profileForm).toContain('action="/api/users/me/profile"');
    expect(profileForm).toContain('<input type="hidden" name="_form" value="profile">');
    expect(profileForm).toContain('<input type="hidden" name="_redirect" value="/account/profile">');
    expect(profileForm).toContain('<button type="submit">Save profile</button>');
    expect(html).not.toContain('needs JavaScript');
    expect(html).toContain('action="/api/users/me/addresses"');
    expect(html).toContain('action="/api/users/me/addresses/0/remove"');
    expect(html).toContain('href="/account/profile?edit=0#user-dashboard-address-0-title"');

    expect(html.match(/data-testid="address"/g)).toHaveLength(1);
    expect(visibleText(html)).toContain('1 Infinite Loop');
    expect(html).toContain('data-testid="address-form"');

    const preferences = /<form[^>]*data-testid="preferences"[\s\S]*?<\/form>/.exec(html)![0];
    expect(preferences).toContain('action="/api/users/me/preferences"');
    expect(preferences).toMatch(/<legend><h3>Notification preferences<\/h3><\/legend>/);
    expect(preferences.match(/<fieldset class="preference-row"/g)).toHaveLength(4);
    expect(
      preferences.match(
        /<legend>Order (placed|shipped|cancelled)<\/legend>|<legend>Payment received<\/legend>/g,
      ),
    ).toHaveLength(4);
    expect(preferences.match(/type="checkbox"/g)).toHaveLength(8);
    expect(preferences).toMatch(/id="user-dashboard-pref-order-shipped-sms"[^>]*checked=""/);
    expect(preferences).not.toMatch(/id="user-dashboard-pref-order-placed-sms"[^>]*checked/);
    expect(preferences).toMatch(/id="user-dashboard-pref-order-placed-email"[^>]*checked=""/);

    // The password form works without JavaScript: a form post with the CSRF field, back to this page.
    const password = /<form[^>]*data-testid="password-form"[\s\S]*?<\/form>/.exec(html)![0];
    expect(password).toContain('method="post"');
    expect(password).toContain('action="/api/users/me/password"');
    expect(password).toContain(`<input type="hidden" name="_csrf" value="${csrf.token}">`);
    expect(password).toContain('<input type="hidden" name="_redirect" value="/account/profile">');
    expect(password).toContain('<button type="submit">Change password</button>');

    expectLabelledInputs(html);
    expect(html.match(/<input(?![^>]*type="hidden")/g)!.length).toBe(2 + 6 + 8 + 2);
    expect(html.match(/<h[1-6]/g)!.length).toBeGreaterThanOrEqual(5);
  });

  it('when the visitor keeps ten addresses, the add form gives way to a note', async () => {
    const ten = Array.from({ length: 10 }, (_, index) => address(`Place ${index}`));
    users.answer({ status: 200, body: profile({ addresses: ten }) });

    const html = await (await get('/account/profile', { cookie: await signedIn() })).text();

    expect(html.match(/data-testid="address"/g)).toHaveLength(10);
    expect(html).not.toContain('data-testid="address-form"');
    expect(visibleText(html)).toContain('You have 10 addresses, the most you can keep.');
  });

  it('when the user service is down, /account/profile still answers 200 with the password form', async () => {
    const down = await startBuiltPodlet({
      AUTH_PUBLIC_KEY: auth.publicKey,
      USER_SERVICE_URL: await unusedUrl(),
    });
    try {
      const response = await fetch(`${down.url}/account/profile`, { headers: { cookie: await signedIn() } });
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(visibleText(html)).toContain('Your profile is unavailable right now.');
      expect(html).toContain('data-testid="password-form"');
      expect(html).not.toContain('data-testid="profile-form"');
    } finally {
      await down.stop();
    }
  });

  it('when what visitors wrote looks like markup, it renders as text on every account page', async () => {
    users.answer({ status: 200, body: profile({ name: XSS, addresses: [address(XSS)] }) });
    notifications.answer({ status: 200, body: { items: [notification({ subject: XSS })] } });

    for (const path of ['/', '/account', '/account/profile', '/account/notifications']) {
      const html = await (await get(path, { cookie: await signedIn({ name: XSS }) })).text();

      expect(html).not.toContain('</script><script>alert(1)');
      expect(html.match(/<script/g)).toHaveLength(2);
      expect(visibleText(html)).toContain(`Signed in as ${XSS}`);
    }
  });

  it.each([
    ['editor', 'Editor'],
    ['admin', 'Admin'],
  ] as const)(
    'when an %s is signed in, the badge names the role and links to the editor',
    async (role, label) => {
      for (const path of ['/', '/account']) {
        const html = await (await get(path, { cookie: await signedIn({ role }) })).text();

        expect(html).toMatch(
          new RegExp(`data-testid="role-badge"[^>]*data-role="${role}"[^>]*>${label}</span>`),
        );
        expect(html).toContain('href="/editor"');
      }
    },
  );

  it('when a customer is signed in, there is no badge and no editor link', async () => {
    const html = await (await get('/account', { cookie: await signedIn({ role: 'customer' }) })).text();

    expect(html).not.toContain('data-testid="role-badge"');
    expect(html).not.toContain('href="/editor"');
  });

  it('when the page is one the dashboard does not serve, the fragment renders nothing visible', async () => {
    const response = await get('/account/orders/1234', { cookie: await signedIn({ name: 'Ada' }) });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html.startsWith(ROOT)).toBe(true);
    expect(visibleText(html)).toBe('');
  });
});
