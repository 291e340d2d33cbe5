import { expect, test, type Page } from '@playwright/test';
import { placeOrderAtCheckout } from './journeys/storefront.js';

const baseURL = () => process.env.STOREFRONT_URL!;

interface ProductPage {
  items: { id: string; name: string; slug: string; stock: number }[];
}

/** Products on the first page of the home listing that can be bought (some seeded products are sold out). */
async function firstProducts(count: number): Promise<ProductPage['items']> {
  const res = await fetch(`${baseURL()}/api/products?page=1&pageSize=6`);
  expect(res.status).toBe(200);
  const inStock = ((await res.json()) as ProductPage).items.filter((product) => product.stock > 0);
  expect(inStock.length).toBeGreaterThanOrEqual(count);
  return inStock.slice(0, count);
}

async function stopPart(name: string): Promise<void> {
  const res = await fetch(`${process.env.STACK_CONTROL_URL}/stop/${name}`, { method: 'POST' });
  expect(res.status).toBe(204);
}

const slot = (page: Page, name: string) => page.locator(`[data-fragment="${name}"]`).first();

test.describe.configure({ mode: 'serial' });

test.describe('one visitor, one request through every part', () => {
  test('the first HTML response already holds the Vue products, the Solid cart and the Angular sign-in', async () => {
    const [product] = await firstProducts(1);
    const res = await fetch(`${baseURL()}/`);
    expect(res.status).toBe(200);
    const html = await res.text();

    expect(html).not.toContain('<!--# include');
    expect(html).toContain(product!.name);
    expect(html).toContain('data-fragment="product-catalog"');
    expect(html).toContain('data-fragment="order-management"');
    expect(html).toContain('data-fragment="user-dashboard"');
    expect(html).toMatch(/sign in/i);
    expect(html).toContain('data-store-slice="catalog"');
    expect(html).toContain('<script type="importmap"');
  });

  test('a visitor fills the cart in the Vue catalog, signs up in Angular and orders in Solid', async ({
    page,
  }) => {
    await page.goto(baseURL());
    // A marker on the window survives in-page updates and dies with a reload.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const [first, second] = await firstProducts(2);

    // Add two products: the React badge and the Solid cart follow without a reload.
    const catalog = slot(page, 'product-catalog');
    await catalog
      .locator('article, li', { hasText: first!.name })
      .first()
      .getByRole('button', { name: /add to cart/i })
      .click();
    await catalog
      .locator('article, li', { hasText: second!.name })
      .first()
      .getByRole('button', { name: /add to cart/i })
      .click();
    await expect(page.getByTestId('cart-badge')).toHaveText('2');
    const cart = slot(page, 'order-management');
    await expect(cart).toContainText(first!.name);
    await expect(cart).toContainText(second!.name);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );

    // Sign up in the Angular dashboard on its own page; the cart kept on the server joins the new customer's.
    await page.goto(`${baseURL()}/signup`);
    const email = `visitor-${Date.now()}@example.test`;
    const signUp = slot(page, 'user-dashboard').getByTestId('sign-up-form');
    await signUp.getByLabel('Name').fill('Ada Visitor');
    await signUp.getByLabel('Email').fill(email);
    await signUp.getByLabel('Password').fill('correct horse battery');
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByTestId('session-user')).toHaveText('Ada Visitor');
    await expect(page.getByTestId('cart-badge')).toHaveText('2');

    // Place the order at the Solid checkout: it lands on the order's page.
    const orderId = await placeOrderAtCheckout(page);
    await expect(page.getByTestId('cart-badge')).toHaveText('0');

    // The account page's dashboard lists the order, and the notification service recorded its confirmation.
    await page.goto(`${baseURL()}/account`);
    await expect(slot(page, 'user-dashboard')).toContainText(orderId!.slice(0, 8));
    await expect
      .poll(
        async () => {
          const res = await page.request.get(`${baseURL()}/api/notifications`);
          if (res.status() !== 200) return [];
          const body = (await res.json()) as { items: { template: string; body: string; subject: string }[] };
          return body.items.map((item) => `${item.template} ${item.subject} ${item.body}`);
        },
        { timeout: 15_000 },
      )
      .toEqual(expect.arrayContaining([expect.stringContaining(orderId!.slice(0, 8))]));
  });

  test('when the catalog podlet stops, the page still answers 200 with its fallback and the other slots whole', async () => {
    await stopPart('product-catalog');
    // The podlet finishes its in-flight requests before it exits; every answer meanwhile is whole, and once it is
    // gone the slot holds its fallback.
    let html = '';
    let attempt = 0;
    await expect
      .poll(
        async () => {
          // Each time a page nginx has no copy of: a page seen before would get its last good copy.
          attempt += 1;
          const res = await fetch(`${baseURL()}/?after-stop=${Date.now()}-${attempt}`);
          expect(res.status).toBe(200);
          html = await res.text();
          return /products are unavailable/i.test(html);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(html).toContain('data-fragment="order-management"');
    expect(html).toContain('data-fragment="user-dashboard"');
  });
});
