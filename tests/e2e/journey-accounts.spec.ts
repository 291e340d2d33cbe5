import { expect, test, type Page } from '@playwright/test';
import {
  baseURL,
  capturedEmail,
  registerAccount,
  screenshot,
  signInContext,
  slot,
  uniqueWord,
  visit,
} from './journeys/storefront.js';

const journey = 'accounts';

const dashboard = (page: Page) => slot(page, 'user-dashboard');

test.describe('with JavaScript off, every account form works as a plain form post', () => {
  test.use({ javaScriptEnabled: false });

  test('a visitor signs up, signs out, fails and then signs in, and edits profile, addresses and preferences', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const email = `${uniqueWord('nojs')}@example.test`;
    const password = 'correct horse battery staple';

    await page.goto(`${baseURL()}/signup`);
    const signUp = dashboard(page).getByTestId('sign-up-form');
    await signUp.getByLabel('Name').fill('Nora Noscript');
    await signUp.getByLabel('Email').fill(email);
    await signUp.getByLabel('Password').fill(password);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(dashboard(page).getByTestId('profile')).toContainText('Signed in as Nora Noscript');

    await dashboard(page).getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto(`${baseURL()}/signin`);
    const signIn = dashboard(page).getByTestId('sign-in-form');
    await signIn.getByLabel('Email').fill(email);
    await signIn.getByLabel('Password').fill('not the password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    // The failure comes back to the form as a page, not as JSON.
    await expect(page).toHaveURL(/\/signin\?form_error=401&form=sign-in$/);
    await expect(dashboard(page).getByRole('alert')).toContainText('The email or password is not correct.');
    await screenshot(page, journey, 'nojs-sign-in-failed');

    await dashboard(page).getByTestId('sign-in-form').getByLabel('Email').fill(email);
    await dashboard(page).getByTestId('sign-in-form').getByLabel('Password').fill(password);
    await dashboard(page).getByTestId('sign-in-form').getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);

    // Profile: a bad phone number is named next to its field; a good one is saved.
    await page.goto(`${baseURL()}/account/profile`);
    const profile = dashboard(page).getByTestId('profile-form');
    await profile.getByLabel('Phone (optional)').fill('12345');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect(page).toHaveURL(/form_error=400&form=profile&form_fields=phone/);
    await expect(dashboard(page).getByTestId('profile-form')).toContainText('Please check this field.');
    await dashboard(page).getByTestId('profile-form').getByLabel('Name').fill('Nora N. Noscript');
    await dashboard(page).getByTestId('profile-form').getByLabel('Phone (optional)').fill('+4915112345678');
    await dashboard(page).getByTestId('profile-form').getByRole('button', { name: 'Save profile' }).click();
    await expect(page).toHaveURL(/\/account\/profile$/);
    await expect(dashboard(page).getByTestId('profile-form').getByLabel('Phone (optional)')).toHaveValue(
      '+4915112345678',
    );

    // Addresses: add one, edit it through the "Edit" link, remove it.
    const add = dashboard(page).getByTestId('address-form');
    await add.getByLabel('Label (e.g. Home)').fill('Home');
    await add.getByLabel('Street and number').fill('1 Long Road');
    await add.getByLabel('City').fill('Berlin');
    await add.getByLabel('Postal code').fill('10115');
    await add.getByLabel('Country code (2 letters, e.g. DE)').fill('de');
    await add.getByRole('button', { name: 'Add address' }).click();
    await expect(dashboard(page).getByTestId('address')).toHaveCount(1);
    await expect(dashboard(page).getByTestId('address')).toContainText('10115 Berlin, DE');

    await dashboard(page).getByTestId('address').getByRole('link', { name: 'Edit Home' }).click();
    await expect(page).toHaveURL(/\?edit=0/);
    await dashboard(page).getByTestId('address').getByLabel('City').fill('Potsdam');
    await dashboard(page).getByTestId('address').getByRole('button', { name: 'Save address' }).click();
    await expect(dashboard(page).getByTestId('address')).toContainText('10115 Potsdam, DE');
    await screenshot(page, journey, 'nojs-address-saved');

    await dashboard(page).getByTestId('address').getByRole('button', { name: 'Remove Home' }).click();
    await expect(dashboard(page).getByTestId('address')).toHaveCount(0);

    // Preferences: SMS for shipped orders.
    const preferences = dashboard(page).getByTestId('preferences');
    await preferences.locator('[data-event="order.shipped"]').getByLabel('SMS').check();
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await expect(
      dashboard(page).getByTestId('preferences').locator('[data-event="order.shipped"]').getByLabel('SMS'),
    ).toBeChecked();
    await visit(page, '/account');
    await expect(dashboard(page).getByTestId('profile-phone')).toHaveText('+4915112345678');
    // The stored name; the session's ("Signed in as") follows at its next refresh, as without JavaScript no script
    // asks for one.
    await expect(dashboard(page).getByTestId('profile-summary')).toContainText('Nora N. Noscript');
  });
});

test('a customer who forgot the password resets it from the emailed link, and the old session ends', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const account = await registerAccount('Rita Reset');
  // The customer is still signed in on another device.
  const otherDevice = await browser.newContext();
  await signInContext(otherDevice, account);
  const oldPage = await otherDevice.newPage();
  // On a busy machine the account fragment may miss its time budget once (its fallback shows): ask again.
  await expect
    .poll(
      async () => {
        await visit(oldPage, '/account');
        return dashboard(oldPage).getByTestId('profile').count();
      },
      { timeout: 45_000, intervals: [1_000, 2_000] },
    )
    .toBe(1);

  // Without JavaScript, from the sign-in page.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseURL()}/signin`);
  await dashboard(page).getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/password\/forgot$/);
  await expect(page).toHaveTitle(/Forgot your password/);
  const forgot = dashboard(page).getByTestId('forgot-password-form');
  await forgot.getByLabel('Email').fill(account.email);
  await forgot.getByRole('button', { name: 'Send the link' }).click();
  await expect(dashboard(page).getByTestId('reset-link-sent')).toContainText(
    'If an account exists for this address',
  );
  await screenshot(page, journey, 'reset-link-sent');

  const email = await capturedEmail(account.email, /Reset your Storefront password/);
  const link = /https?:\/\/\S+\/api\/users\/password\/reset\/[A-Za-z0-9_-]{43}/.exec(email.text)?.[0];
  expect(link, email.text).toBeDefined();
  // The link names the gateway by the stack's GATEWAY_URL (its loopback address; this browser says localhost).
  expect(new URL(link!).port).toBe(new URL(baseURL()).port);

  await page.goto(new URL(new URL(link!).pathname, baseURL()).href);
  // The token is not in the page's address: it travelled in an HttpOnly cookie.
  await expect(page).toHaveURL(`${baseURL()}/password/reset`);
  const html = await page.content();
  expect(html).not.toContain(new URL(link!).pathname.split('/').pop());
  const reset = dashboard(page).getByTestId('reset-password-form');
  await reset.getByLabel('New password').fill('a much better passphrase');
  await reset.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(dashboard(page).getByTestId('profile')).toContainText('Signed in as Rita Reset');
  await screenshot(page, journey, 'reset-signed-in');

  // The other device's session ends: the services refuse it (they remember a customer's session for 15 s:
  // docs/conventions.md, "Sessions everywhere"), and its pages no longer show it signed in; the link does not work
  // twice.
  await expect
    .poll(async () => (await oldPage.request.get(`${baseURL()}/api/users/me`)).status(), {
      timeout: 30_000,
      intervals: [2_000],
    })
    .toBe(401);
  // Its pages show it signed out as well: the layout asks the user service (remembering the answer as long).
  await expect
    .poll(
      async () => {
        await visit(oldPage, '/');
        return oldPage.getByTestId('sign-in-link').count();
      },
      { timeout: 30_000, intervals: [2_000] },
    )
    .toBe(1);
  await expect(oldPage.getByTestId('session-user')).toHaveCount(0);
  await page.goto(link!);
  await expect(page).toHaveURL(/\/password\/forgot\?form_error=410&form=reset-link$/);
  await expect(dashboard(page).getByRole('alert')).toContainText('expired or was already used');

  // The new password signs in; the old one does not.
  const fresh = await browser.newContext({ javaScriptEnabled: false });
  const signInPage = await fresh.newPage();
  await signInPage.goto(`${baseURL()}/signin`);
  const signIn = dashboard(signInPage).getByTestId('sign-in-form');
  await signIn.getByLabel('Email').fill(account.email);
  await signIn.getByLabel('Password').fill('a much better passphrase');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signInPage).toHaveURL(/\/account$/);
  await Promise.all([otherDevice.close(), context.close(), fresh.close()]);
});

test('with JavaScript, asking for a link and setting the password happen in place', async ({ page }) => {
  const account = await registerAccount('Jules Script');

  await visit(page, '/password/forgot');
  const forgot = dashboard(page).getByTestId('forgot-password-form');
  await forgot.getByLabel('Email').fill(account.email);
  await forgot.getByRole('button', { name: 'Send the link' }).click();
  await expect(dashboard(page).getByTestId('reset-link-sent')).toBeVisible();
  await expect(page).toHaveURL(/\/password\/forgot$/);

  const email = await capturedEmail(account.email, /Reset your Storefront password/);
  const link = /https?:\/\/\S+\/api\/users\/password\/reset\/[A-Za-z0-9_-]{43}/.exec(email.text)![0];
  await page.goto(link, { waitUntil: 'networkidle' });
  const reset = dashboard(page).getByTestId('reset-password-form');
  await reset.getByLabel('New password').fill('short');
  // The browser's own check stops a short password; the service's rule is the same (8+).
  await expect(reset.getByLabel('New password')).toHaveAttribute('minlength', '8');
  await reset.getByLabel('New password').fill('scripted new passphrase');
  await reset.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(dashboard(page).getByTestId('profile')).toContainText('Signed in as Jules Script');
});
