import { expect, test, type Page } from '@playwright/test';
import {
  baseURL,
  categories,
  createProduct,
  registerAccount,
  signInContext,
  signInEditor,
  slot,
  uniqueWord,
  visit,
  type Product,
} from './journeys/storefront.js';

// Hydration on need (each fragment's client.config.json): a fragment's framework code comes when the visitor needs
// it, and nothing they did while it loaded is lost.

let product: Product;

test.beforeAll(async () => {
  const editor = await signInEditor();
  const [category] = await categories();
  product = await createProduct(editor, {
    name: `Kettle ${uniqueWord('hydrate')}`,
    category: category!.slug,
    priceMinor: 3100,
  });
});

/** The scripts of fragments the page has asked for so far (the loaders excluded), by fragment name. */
function fragmentScripts(page: Page): Set<string> {
  const asked = new Set<string>();
  page.on('request', (request) => {
    const match = /\/_fragments\/([^/]+)\/assets\/(?!hydrate-)[^/]+\.js$/.exec(
      new URL(request.url()).pathname,
    );
    if (match) asked.add(match[1]!);
  });
  return asked;
}

/** How many of a product the visitor's cart holds, as the order service answers it. */
async function cartQuantity(page: Page, productId: string): Promise<number> {
  const cart = (await (await page.request.get(`${baseURL()}/api/orders/cart`)).json()) as {
    items: { productId: string; quantity: number }[];
  };
  return cart.items.find((item) => item.productId === productId)?.quantity ?? 0;
}

test('when an anonymous visitor opens a product page, neither the catalog nor the dashboard code comes until they touch the catalog', async ({
  page,
}) => {
  const asked = fragmentScripts(page);

  await visit(page, `/products/${product.slug}`);

  expect(asked.has('product-catalog')).toBe(false);
  expect(asked.has('user-dashboard')).toBe(false);
  await expect(slot(page, 'product-catalog').getByTestId('product-detail')).toContainText(product.name);
});

test('when a visitor types a quantity and adds to cart before the catalog code has run, both count once it has', async ({
  page,
}) => {
  const asked = fragmentScripts(page);
  await visit(page, `/products/${product.slug}`);
  const detail = slot(page, 'product-catalog').getByTestId('product-detail');

  await detail.getByTestId('quantity').fill('3');
  await detail.getByTestId('add-to-cart').click();

  await expect(page.getByTestId('cart-badge')).toHaveText('3');
  await expect(detail).toContainText('In cart: 3');
  expect(asked.has('product-catalog')).toBe(true);
  // The mini cart waited for the shared state to change, then followed it.
  await expect(slot(page, 'order-management').getByTestId('cart-line')).toContainText('× 3');
});

test('when a visitor adds two products to the cart before the catalog code has run, the page stays and both count', async ({
  page,
}) => {
  await visit(page, '/');
  // A marker on the window survives in-page updates and dies with a reload (a plain post would reload the page).
  await page.evaluate(() => Object.assign(window, { samePage: true }));
  const cards = slot(page, 'product-catalog')
    .getByTestId('product-card')
    .filter({ has: page.getByRole('button', { name: 'Add to cart' }) });

  // Two clicks in a row: the second comes while the code the first asked for is still on its way.
  await cards.nth(0).getByRole('button', { name: 'Add to cart' }).click();
  await cards.nth(1).getByRole('button', { name: 'Add to cart' }).click();

  await expect(page.getByTestId('cart-badge')).toHaveText('2');
  await expect(cards.nth(0)).toContainText('In cart: 1');
  await expect(cards.nth(1)).toContainText('In cart: 1');
  expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
});

test('when a visitor adds to cart and leaves the page before the catalog code has run, the cart still has it', async ({
  page,
}) => {
  await visit(page, `/products/${product.slug}`);

  await slot(page, 'product-catalog').getByTestId('product-detail').getByTestId('add-to-cart').click();
  await page.goto(`${baseURL()}/signin`);

  await expect.poll(() => cartQuantity(page, product.id)).toBe(1);
});

test('when a visitor adds to cart with the catalog code running and leaves at once, the cart still has it', async ({
  page,
}) => {
  await visit(page, `/products/${product.slug}`);
  const detail = slot(page, 'product-catalog').getByTestId('product-detail');
  const catalogCode = page.waitForResponse((answer) =>
    /\/_fragments\/product-catalog\/assets\/entry-client-/.test(answer.url()),
  );
  // Hovering the catalog is the interaction that brings its code; once it runs, the add goes out as its request.
  await detail.getByTestId('add-to-cart').hover();
  await catalogCode;
  await page.waitForLoadState('networkidle');
  const adding = page.waitForRequest(
    (request) => request.method() === 'POST' && request.url().endsWith('/api/orders/cart/items'),
  );

  await detail.getByTestId('add-to-cart').click();
  await adding;
  await page.goto(`${baseURL()}/signin`);

  await expect.poll(() => cartQuantity(page, product.id)).toBe(1);
});

test('when a signed-in customer opens the home page, the dashboard hydrates at once to show who they are', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: baseURL() });
  await signInContext(context, await registerAccount('Hydrated Customer'));
  const page = await context.newPage();
  const asked = fragmentScripts(page);

  await visit(page, '/');

  expect(asked.has('user-dashboard')).toBe(true);
  expect(asked.has('product-catalog')).toBe(false);
  await context.close();
});
