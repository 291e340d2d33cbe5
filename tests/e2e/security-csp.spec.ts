import { expect, test, type Page } from '@playwright/test';
import { baseURL, newCustomer, products } from './support/storefront.js';

/** The nonce of a page's CSP, checking that its scripts need one: no 'unsafe-inline' for scripts. */
function scriptNonce(csp: string): string {
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc, csp).not.toContain("'unsafe-inline'");
  expect(csp, 'script-src-elem or -attr must not reopen inline scripts').not.toMatch(
    /script-src-(elem|attr)/,
  );
  const nonce = /'nonce-([A-Za-z0-9+/_-]{16,}={0,2})'/.exec(scriptSrc)?.[1];
  expect(nonce, csp).toBeDefined();
  return nonce!;
}

/** Every CSP violation the page reports (the DOM event, and Chromium's console message), across navigations. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}

/** Loads a page through the gateway; answers its nonce. */
async function load(page: Page, path: string): Promise<string> {
  const response = await page.goto(`${baseURL()}${path}`);
  expect(response?.status(), path).toBe(200);
  const nonce = scriptNonce((await response!.allHeaders())['content-security-policy'] ?? '');
  await page.waitForLoadState('networkidle');
  return nonce;
}

test("pages carry a per-page script nonce without 'unsafe-inline', and hydrate without a CSP violation", async ({
  page,
}) => {
  const violations = await watchViolations(page);
  const product = (await products(20)).find((candidate) => candidate.stock > 0);
  const nonces = new Set<string>();

  nonces.add(await load(page, '/'));
  await expect(page.getByTestId('cart-badge')).toHaveText('0');

  const detail = page.locator('[data-fragment="product-catalog"]').getByTestId('product-detail');
  // A page may be a second or two behind the stock the API just listed (the edge keeps it that long): load it until
  // it shows the product in stock.
  let productNonce = '';
  await expect
    .poll(async () => {
      productNonce = await load(page, `/products/${product!.slug}`);
      return detail.getByTestId('add-to-cart').isEnabled();
    })
    .toBe(true);
  nonces.add(productNonce);
  await detail.getByTestId('add-to-cart').click();
  // Vue (catalog), React (header) and the shared store all ran: the badge follows without a reload.
  await expect(page.getByTestId('cart-badge')).toHaveText('1');

  nonces.add(await load(page, '/cart'));
  // Solid's hydration script is inline: it ran, so the cart page is interactive.
  await expect(page.locator('[data-fragment="order-management"]').getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-badge')).toHaveText('1');

  nonces.add(await load(page, '/signin'));
  await expect(page.locator('[data-fragment="user-dashboard"]')).toBeVisible();

  // The inline scripts the page itself wrote carry this page's nonce (the browser hides it from attributes).
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')]
      .filter((script) => !/json/.test((script as HTMLScriptElement).type))
      .map((script) => (script as HTMLScriptElement).nonce),
  );
  expect(inline.length).toBeGreaterThan(0);
  expect(new Set(inline).size).toBe(1);
  expect(inline[0]).toMatch(/^[A-Za-z0-9+/_=-]{16,}$/);

  expect(nonces.size, 'a new nonce for every page').toBe(4);
  expect(violations).toEqual([]);
});

test('an injected inline script or event handler does not run', async ({ page }) => {
  const violations = await watchViolations(page);
  const [product] = await products(1);
  for (const path of ['/', `/products/${product!.slug}`]) {
    await load(page, path);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true;';
      document.body.append(script);
      document.body.insertAdjacentHTML(
        'beforeend',
        '<img alt="" src="data:," onload="window.injectedHandlerRan = true" onerror="window.injectedHandlerRan = true">',
      );
      // A guessed nonce is no nonce.
      const guessed = document.createElement('script');
      guessed.nonce = '0123456789abcdef0123456789abcdef';
      guessed.textContent = 'window.guessedNonceRan = true;';
      document.body.append(guessed);
    });
    await expect.poll(() => violations.length, path).toBeGreaterThanOrEqual(3);
    const ran = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return [w.injectedScriptRan, w.injectedHandlerRan, w.guessedNonceRan];
    });
    expect(ran, path).toEqual([undefined, undefined, undefined]);
    violations.length = 0;
  }
});

test.describe('a page from the edge cache', () => {
  const cached = ['HIT', 'STALE', 'UPDATING'];

  test("when served from the cache, the answer has a nonce of its own: the page's scripts run, one with an earlier answer's nonce does not", async ({
    page,
  }) => {
    const violations = await watchViolations(page);
    const earlier = await load(page, '/');
    const response = await page.goto(`${baseURL()}/`);
    expect(cached).toContain(response!.headers()['x-cache']);
    const nonce = scriptNonce(response!.headers()['content-security-policy'] ?? '');
    expect(nonce).not.toBe(earlier);
    // The page's own scripts carry this answer's nonce: React, Vue and the store ran.
    await expect(page.getByTestId('cart-badge')).toHaveText('0');
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('script:not([src])')].map((s) => (s as HTMLScriptElement).nonce),
        ),
      )
      .toContain(nonce);

    await page.evaluate((stale) => {
      const script = document.createElement('script');
      script.nonce = stale;
      script.textContent = 'window.staleNonceRan = true;';
      document.body.append(script);
    }, earlier);
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(1);
    expect(
      await page.evaluate(() => (window as unknown as { staleNonceRan?: boolean }).staleNonceRan),
    ).toBeUndefined();
  });

  test('when a visitor without JavaScript signs in on a cached page, the form carries their own token and is accepted', async ({
    browser,
  }) => {
    const account = await newCustomer('Cached Page Visitor');
    // Another visitor's request puts the sign-in page in the cache.
    await fetch(`${baseURL()}/signin`);
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${baseURL()}/signin`);
      expect(cached).toContain(response!.headers()['x-cache']);
      const token = (await context.cookies()).find((cookie) => cookie.name === 'sf_csrf')?.value;
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      const form = page.locator('[data-fragment="user-dashboard"]').getByTestId('sign-in-form');
      expect(await form.locator('input[name="_csrf"]').getAttribute('value')).toBe(token);

      await form.getByLabel(/email/i).fill(account.email);
      await form.getByLabel(/password/i).fill(account.password);
      await form.getByRole('button', { name: /sign in/i }).click();
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByTestId('session-user')).toHaveText('Cached Page Visitor');
    } finally {
      await context.close();
    }
  });
});
