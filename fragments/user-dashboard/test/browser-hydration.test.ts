import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { SpawnedPodlet } from '@storefront/podlet-kit/testing';
import { defaultNotificationPreferences } from '@storefront/contracts';
import { createTestAuth, csrf } from '@storefront/testkit';
import { startBuiltPodlet } from './support/built-podlet.js';
import { startComposedPage } from './support/composed-page.js';
import { order, startFakeOrderService } from './support/fake-order-service.js';
import { startStandIn } from './support/fake-service.js';

// Debian's Chromium, as the end-to-end suite uses it (scripts/ensure-system.sh --with-browser installs it).
const CHROMIUM = '/usr/bin/chromium';

describe('the user dashboard in a browser, hydrated by Angular', () => {
  let podlet: SpawnedPodlet;
  let orderService: Awaited<ReturnType<typeof startFakeOrderService>>;
  let composed: Awaited<ReturnType<typeof startComposedPage>>;
  let browser: Browser;
  let users: Awaited<ReturnType<typeof startStandIn>>;
  let auth: Awaited<ReturnType<typeof createTestAuth>>;
  const placed = order({ status: 'paid', totalMinor: 3200 });

  beforeAll(async () => {
    auth = await createTestAuth();
    orderService = await startFakeOrderService({ orders: [placed] });
    users = await startStandIn('/users/me', {
      status: 200,
      body: {
        id: 'u-profile',
        email: 'ada@example.test',
        name: 'Ada',
        role: 'customer',
        createdAt: '2026-01-01T00:00:00.000Z',
        phone: null,
        addresses: [],
        preferences: defaultNotificationPreferences,
      },
    });
    podlet = await startBuiltPodlet({
      AUTH_PUBLIC_KEY: auth.publicKey,
      ORDER_SERVICE_URL: orderService.url,
      USER_SERVICE_URL: users.url,
    });
    composed = await startComposedPage({ podletUrl: podlet.url, signer: auth.signer, orders: [placed] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });

  afterAll(async () => {
    await browser?.close();
    await composed?.close();
    if (podlet) await podlet.stop();
    await orderService?.close();
    await users?.close();
  });

  async function openPage(): Promise<{ page: Page; errors: string[]; navigations: string[] }> {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'sf_csrf', value: csrf.token, url: composed.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    const navigations: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    await page.goto(composed.url);
    // A signed-out visitor's dashboard hydrates on interaction (client.config.json): the pointer comes over it.
    await page.locator('[data-fragment="user-dashboard"]').first().hover();
    // Hydration is done once Angular removed its annotations from the server-rendered root.
    await page.waitForFunction(() => !document.querySelector('[data-fragment="user-dashboard"][ngh]'));
    return { page, errors, navigations };
  }

  // A string, so the test runner does not rewrite the import: the page's import map resolves the shared store.
  const sessionUser = (page: Page) =>
    page.evaluate(
      `import('@storefront/store/browser').then((store) => store.getStore().getState().session.user)`,
    );

  it('when the page loads, Angular adopts the server-rendered forms instead of rendering them again, without errors', async () => {
    const { page, errors } = await openPage();

    const sameForm = await page.evaluate(
      () =>
        (window as unknown as { __ssrForm: Element }).__ssrForm ===
        document.querySelector('[data-fragment="user-dashboard"] form'),
    );

    expect(sameForm).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when a visitor signs up, the profile and their orders appear without a reload and the shared store knows them', async () => {
    const { page, errors, navigations } = await openPage();
    const dashboard = page.locator('[data-fragment="user-dashboard"]');
    const signUp = dashboard.getByTestId('sign-up-form');

    await signUp.getByLabel('Name').fill('Ada Visitor');
    await signUp.getByLabel('Email').fill('ada@example.test');
    await signUp.getByLabel('Password').fill('correct horse battery');
    await signUp.getByRole('button', { name: 'Create account' }).click();

    await expect.poll(() => dashboard.textContent()).toContain('Signed in as Ada Visitor');
    await expect.poll(() => dashboard.textContent()).toContain(placed.id.slice(0, 8));
    expect(await dashboard.textContent()).toContain('ada@example.test');
    expect(await sessionUser(page)).toMatchObject({ name: 'Ada Visitor', email: 'ada@example.test' });
    expect(navigations).toHaveLength(1);
    expect(composed.calls.find((call) => call.url === '/api/users/register')?.csrf).toBe(csrf.token);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the sign-in is refused, the problem detail shows inline and the visitor stays on the forms', async () => {
    const { page, navigations } = await openPage();
    const signIn = page.getByTestId('sign-in-form');

    await signIn.getByLabel('Email').fill('nobody@example.test');
    await signIn.getByLabel('Password').fill('wrong password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();

    await expect.poll(() => signIn.getByRole('alert').textContent()).toContain('Wrong email or password.');
    expect(navigations).toHaveLength(1);
    await page.context().close();
  });

  it('when another part of the page sets the session in the shared store, the dashboard follows it', async () => {
    const { page } = await openPage();
    const dashboard = page.locator('[data-fragment="user-dashboard"]');

    await page.evaluate(
      `import('@storefront/store/browser').then((store) => store.getStore().dispatch(
        store.sessionActions.set({ id: 'u-9', email: 'grace@example.test', name: 'Grace', role: 'customer' }),
      ))`,
    );

    await expect.poll(() => dashboard.textContent()).toContain('Signed in as Grace');
    await page.context().close();
  });

  it('when a signed-in visitor signs out, the session is cleared and the reloaded page shows the forms again', async () => {
    const { page, errors } = await openPage();
    const dashboard = page.locator('[data-fragment="user-dashboard"]');
    await dashboard.getByTestId('sign-up-form').getByLabel('Name').fill('Linus');
    await dashboard.getByTestId('sign-up-form').getByLabel('Email').fill('linus@example.test');
    await dashboard.getByTestId('sign-up-form').getByLabel('Password').fill('penguins-rule');
    await dashboard.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => dashboard.textContent()).toContain('Signed in as Linus');

    // A reload now renders the profile on the server from the session cookie.
    await page.reload();
    await expect.poll(() => dashboard.textContent()).toContain('Signed in as Linus');
    await page.waitForFunction(() => !document.querySelector('[data-fragment="user-dashboard"][ngh]'));
    expect(await dashboard.textContent()).toContain(placed.id.slice(0, 8));
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { __ssrForm: Element }).__ssrForm ===
          document.querySelector('[data-fragment="user-dashboard"] form'),
      ),
    ).toBe(true);
    expect(errors).toEqual([]);

    await Promise.all([
      page.waitForEvent('load'),
      dashboard.getByRole('button', { name: 'Sign out' }).click(),
    ]);

    await expect.poll(() => dashboard.getByRole('button', { name: 'Create account' }).count()).toBe(1);
    expect(composed.calls.some((call) => call.url === '/api/users/logout' && call.csrf === csrf.token)).toBe(
      true,
    );
    await page.context().close();
  });

  it('when a signed-in visitor opens their profile, Angular hydrates it, takes the forms over, and a refused save shows next to its field', async () => {
    const context = await browser.newContext();
    const token = await auth.signer.sign({
      id: 'u-profile',
      email: 'ada@example.test',
      name: 'Ada',
      role: 'customer',
      sessionId: 's-1',
    });
    await context.addCookies([
      { name: 'sf_csrf', value: csrf.token, url: composed.url },
      { name: 'sf_session', value: token, url: composed.url },
    ]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    await page.goto(`${composed.url}/account/profile`);
    await page.waitForFunction(() => !document.querySelector('[data-fragment="user-dashboard"][ngh]'));
    const form = page.getByTestId('profile-form');

    await expect.poll(() => form.getByRole('button', { name: 'Save profile' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await form.getByLabel('Phone (optional)').fill('12345');
    await form.getByRole('button', { name: 'Save profile' }).click();

    await expect
      .poll(() => form.locator('#user-dashboard-profile-phone-error').textContent())
      .toBe('must be an international number');
    expect(await form.getByLabel('Phone (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(composed.calls.find((call) => call.method === 'PATCH')).toMatchObject({
      url: '/api/users/me',
      csrf: csrf.token,
    });
    await context.close();
  });
});
