import { expect, test, type Page } from '@playwright/test';
import { whileFrozen } from './journeys/freeze.js';
import { baseURL, controlPart, screenshot, slot } from './journeys/storefront.js';

const journey = 'degraded';
test.describe.configure({ mode: 'serial' });

/** The slug of the first category in the header. */
async function firstCategory(page: Page): Promise<string> {
  await page.goto(baseURL());
  const href = await page.getByTestId('category-nav').getByRole('link').first().getAttribute('href');
  return href!.replace('/c/', '');
}

/** The parts of the page that must stay whole whatever one podlet does. */
async function expectShellWhole(page: Page) {
  await expect(page.getByTestId('site-header')).toBeVisible();
  await expect(page.getByTestId('cart-badge')).toBeVisible();
  await expect(page.getByTestId('category-nav').getByRole('link').first()).toBeVisible();
}

test('a podlet past its time budget is replaced by its fallback; the rest of the page is whole', async ({
  page,
}) => {
  // The cart podlet (budget 500 ms) is paused: it accepts the connection and never answers.
  await page.goto(baseURL());
  await expect(slot(page, 'order-management')).toBeVisible();
  await whileFrozen('order-management', async () => {
    const started = Date.now();
    // A page nginx never kept a copy of (the one above now has its last good copy: see the second test).
    const res = await page.goto(`${baseURL()}/?frozen=${Date.now()}`);
    const took = Date.now() - started;
    expect(res?.status()).toBe(200);
    expect(took).toBeLessThan(5_000);
    // The podlet's own fallback, or the gateway's last-resort placeholder when no copy of it is at hand yet.
    const cartSlot = page.locator('[data-slot="order-management"]');
    await expect(
      cartSlot.locator(
        '[data-fragment-fallback="order-management"], [data-fragment-unavailable="order-management"]',
      ),
    ).toBeVisible();
    await expect(cartSlot).toContainText('unavailable right now');
    await expect(page.locator('[data-fragment="order-management"]')).toHaveCount(0);
    await expect(slot(page, 'product-catalog').getByTestId('product-card').first()).toBeVisible();
    await expect(slot(page, 'user-dashboard').getByTestId('sign-in-form')).toBeVisible();
    await expectShellWhole(page);
    await screenshot(page, journey, 'slow-cart');
  });
  // Resumed, it answers again.
  await expect
    .poll(async () => {
      await page.goto(baseURL());
      return page.locator('[data-fragment="order-management"]').count();
    })
    .toBe(1);
});

test('a podlet past its time budget on a page seen before gives its last good copy, not the fallback', async ({
  page,
}) => {
  await page.goto(`${baseURL()}/c/${await firstCategory(page)}`);
  await expect(slot(page, 'order-management')).toBeVisible();
  await whileFrozen('order-management', async () => {
    // Past the copy's second: the next visitor gets it at once while nginx tries the podlet in the background.
    await page.waitForTimeout(1_200);
    const started = Date.now();
    await page.reload();
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(page.locator('[data-fragment="order-management"]')).toHaveCount(1);
    await expect(page.locator('[data-fragment-unavailable="order-management"]')).toHaveCount(0);
    await expectShellWhole(page);
  });
});

test('a dead podlet is replaced by its fallback, and comes back when it is started again', async ({
  page,
}) => {
  await controlPart('stop', 'user-dashboard');
  try {
    const res = await page.goto(`${baseURL()}/signin?dead=${Date.now()}`);
    expect(res?.status()).toBe(200);
    await expect(
      page.getByText(/your account is unavailable right now|unavailable right now/i),
    ).toBeVisible();
    await expect(page.locator('[data-fragment="user-dashboard"]')).toHaveCount(0);
    await expectShellWhole(page);

    const home = await page.goto(baseURL());
    expect(home?.status()).toBe(200);
    await expect(slot(page, 'product-catalog').getByTestId('product-card').first()).toBeVisible();
    await expect(slot(page, 'order-management')).toBeVisible();
    await expectShellWhole(page);
    await screenshot(page, journey, 'dead-account');
  } finally {
    await controlPart('start', 'user-dashboard');
  }
  await page.goto(`${baseURL()}/signin`);
  await expect(slot(page, 'user-dashboard').getByTestId('sign-in-form')).toBeVisible();
  await screenshot(page, journey, 'recovered');
});
