import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  baseURL,
  categories,
  createProduct,
  placeOrderAtCheckout,
  registerAccount,
  screenshot,
  signInContext,
  signInEditor,
  slot,
  uniqueWord,
  visit,
  type Account,
  type Product,
} from './journeys/storefront.js';

const journey = 'isolation';

let product: Product;

test.beforeAll(async () => {
  const editor = await signInEditor();
  const [category] = await categories();
  product = await createProduct(editor, {
    name: `Vase ${uniqueWord('isolation')}`,
    category: category!.slug,
  });
});

async function signedInPage(browser: Browser, account: Account): Promise<Page> {
  const context = await browser.newContext();
  await signInContext(context, account);
  return context.newPage();
}

test('two signed-in customers never see each other’s cart, profile or orders', async ({ browser }) => {
  test.setTimeout(90_000);
  const [alice, bob] = await Promise.all([
    registerAccount('Alice Isolated'),
    registerAccount('Bob Isolated'),
  ]);
  const a = await signedInPage(browser, alice);
  const b = await signedInPage(browser, bob);

  // A fills a cart; B's stays empty, in the header and in the cart fragment.
  await visit(a, `/products/${product.slug}`);
  await slot(a, 'product-catalog').getByTestId('product-detail').getByTestId('quantity').fill('2');
  await slot(a, 'product-catalog').getByTestId('product-detail').getByTestId('add-to-cart').click();
  await expect(a.getByTestId('cart-badge')).toHaveText('2');
  await b.goto(`${baseURL()}/cart`);
  await expect(b.getByTestId('cart-badge')).toHaveText('0');
  await expect(slot(b, 'order-management')).toContainText('Your cart is empty.');
  await expect(slot(b, 'order-management')).not.toContainText(product.name);

  // A orders at checkout and lands on the order's page.
  const orderId = await placeOrderAtCheckout(a);

  // Both accounts at once (same moment, same servers): each sees only its own name, email and orders.
  await Promise.all([a.goto(`${baseURL()}/account`), b.goto(`${baseURL()}/account`)]);
  await expect(a.getByTestId('session-user')).toHaveText(alice.name);
  await expect(b.getByTestId('session-user')).toHaveText(bob.name);
  await expect(slot(a, 'user-dashboard')).toContainText(alice.email);
  await expect(slot(b, 'user-dashboard')).toContainText(bob.email);
  await expect(slot(b, 'user-dashboard')).not.toContainText(alice.email);
  await expect(slot(a, 'order-management').getByTestId('order-row')).toHaveCount(1);
  await expect(slot(a, 'order-management').getByTestId('order-row')).toHaveAttribute(
    'data-order-id',
    orderId!,
  );
  await expect(slot(b, 'order-management').getByTestId('order-row')).toHaveCount(0);
  await expect(slot(b, 'order-management')).toContainText('You have no orders yet.');
  const bobHtml = await b.content();
  expect(bobHtml).not.toContain(orderId!);
  expect(bobHtml).not.toContain(alice.email);
  await screenshot(a, journey, 'account-a');
  await screenshot(b, journey, 'account-b');

  // B cannot open A's order by its address, nor read it through the API.
  await b.goto(`${baseURL()}/account/orders/${orderId}`);
  await expect(slot(b, 'order-management').getByTestId('order-detail')).toHaveCount(0);
  await expect(slot(b, 'order-management')).not.toContainText(product.name);
  await screenshot(b, journey, 'foreign-order');
  const api = await b.request.get(`${baseURL()}/api/orders/${orderId}`);
  expect([403, 404]).toContain(api.status());
  const list = await b.request.get(`${baseURL()}/api/orders`);
  expect(list.status()).toBe(200);
  expect(await list.text()).not.toContain(orderId!);
  const me = await b.request.get(`${baseURL()}/api/users/me`);
  expect(((await me.json()) as { email: string }).email).toBe(bob.email);

  await a.context().close();
  await b.context().close();
});
