import { expect, test, type Page } from '@playwright/test';
import {
  baseURL,
  categories,
  createProduct,
  screenshot,
  signInEditor,
  slot,
  uniqueWord,
  visit,
  type Product,
} from './journeys/storefront.js';

const journey = 'customer';

let word: string;
let mug: Product;
let bowl: Product;

test.beforeAll(async () => {
  const editor = await signInEditor();
  const [category] = await categories();
  word = uniqueWord('customer');
  mug = await createProduct(editor, { name: `Mug ${word}`, category: category!.slug, priceMinor: 900 });
  bowl = await createProduct(editor, { name: `Bowl ${word}`, category: category!.slug, priceMinor: 3000 });
});

/** A marker on the window: it survives in-page updates and dies with a reload or a navigation. */
const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { sameDocument: true }));
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

test('a customer searches, filters, fills the cart, signs up, orders and cancels', async ({ page }) => {
  test.setTimeout(90_000);

  // Search from the header, then narrow the results with the price filter.
  await page.goto(baseURL());
  const search = page.getByTestId('site-header').getByTestId('search-form');
  await search.getByRole('searchbox').fill(word);
  await search.getByRole('button', { name: /search/i }).click();
  const catalog = slot(page, 'product-catalog');
  const results = catalog.getByTestId('search-results');
  await expect(results.getByTestId('product-card')).toHaveCount(2);
  await catalog.getByTestId('max-price').fill('10');
  await catalog.getByTestId('filters').getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/maxPrice=10/);
  await expect(results.getByTestId('product-card')).toHaveCount(1);
  await expect(results.getByTestId('product-card')).toContainText(mug.name);
  await screenshot(page, journey, 'search-filtered');

  // The product page: two of them, with the quantity field.
  await results.getByRole('link', { name: mug.name }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${mug.slug}$`));
  await page.waitForLoadState('networkidle');
  const detail = catalog.getByTestId('product-detail');
  await expect(detail).toBeVisible();
  await markDocument(page);
  await detail.getByTestId('quantity').fill('2');
  await detail.getByTestId('add-to-cart').click();
  // The React badge and the Solid mini cart follow at once, without a reload.
  await expect(page.getByTestId('cart-badge')).toHaveText('2');
  const miniCart = slot(page, 'order-management');
  await expect(miniCart.getByTestId('cart-line').filter({ hasText: mug.name })).toContainText('× 2');
  await expect(detail).toContainText('In cart: 2');
  expect(await sameDocument(page)).toBe(true);
  await screenshot(page, journey, 'added-to-cart');

  await visit(page, `/products/${bowl.slug}`);
  await catalog.getByTestId('product-detail').getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-badge')).toHaveText('3');

  // The cart page: change a quantity, remove a line; the badge follows.
  await page.getByRole('link', { name: /^Cart, 3 items/ }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await page.waitForLoadState('networkidle');
  const cart = slot(page, 'order-management');
  await expect(cart.getByTestId('cart-line')).toHaveCount(2);
  await markDocument(page);
  await cart.getByLabel(`Quantity of ${mug.name}`).fill('3');
  await cart.getByLabel(`Quantity of ${mug.name}`).press('Enter');
  await expect(page.getByTestId('cart-badge')).toHaveText('4');
  await expect(cart.getByTestId('cart-total')).toContainText('57.00');
  await cart.getByRole('button', { name: `Remove ${bowl.name}` }).click();
  await expect(cart.getByTestId('cart-line')).toHaveCount(1);
  await expect(page.getByTestId('cart-badge')).toHaveText('3');
  await expect(cart.getByTestId('cart-total')).toContainText('27.00');
  expect(await sameDocument(page)).toBe(true);
  await screenshot(page, journey, 'cart');

  // Sign up on /signup (the cart stays: the visitor's cart on the server joins the new customer's at checkout).
  await visit(page, '/signup');
  const email = `${uniqueWord('shopper')}@example.test`;
  const signUp = slot(page, 'user-dashboard').getByTestId('sign-up-form');
  await signUp.getByLabel('Name').fill('Grace Customer');
  await signUp.getByLabel('Email').fill(email);
  await signUp.getByLabel('Password').fill('correct horse battery staple');
  await signUp.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('session-user')).toHaveText('Grace Customer');
  await expect(page.getByTestId('cart-badge')).toHaveText('3');
  await screenshot(page, journey, 'signed-up');

  // Checkout with a new address, review, place the order.
  await visit(page, '/checkout');
  const checkout = slot(page, 'order-management');
  await checkout.getByTestId('checkout-address-new').check();
  const address = checkout.getByTestId('new-address');
  await address.getByLabel('Street and number').fill('12 Harbour Road');
  await address.getByLabel('City').fill('Bristol');
  await address.getByLabel('Postal code').fill('BS1 4QA');
  await address.getByLabel('Country code (two letters)').fill('GB');
  await checkout.getByTestId('review-order').click();
  const review = checkout.getByTestId('checkout-review');
  await expect(review.getByTestId('delivery-address')).toContainText('12 Harbour Road');
  await expect(review.getByTestId('cart-line')).toContainText(mug.name);
  await screenshot(page, journey, 'checkout-review');
  await review.getByTestId('place-order').click();
  // Placing the order lands on its own page: what was bought, the total, where it goes and its status.
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderId = /\/orders\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(orderId).toBeTruthy();
  const confirmation = slot(page, 'order-management').getByTestId('order-detail');
  await expect(confirmation.getByTestId('order-line')).toContainText(mug.name);
  await expect(confirmation.getByTestId('order-total')).toContainText('27.00');
  await expect(confirmation.getByTestId('delivery-address')).toContainText('12 Harbour Road');
  await expect(confirmation.getByTestId('order-status')).toHaveText(/placed/i);
  await expect(page.getByTestId('cart-badge')).toHaveText('0');
  await screenshot(page, journey, 'order-placed');

  // The account lists the order; its page cancels it.
  await page.goto(`${baseURL()}/account`);
  const row = slot(page, 'order-management').locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('order-status')).not.toHaveText(/cancelled/i);
  await screenshot(page, journey, 'account');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/account/orders/${orderId}$`));
  await page.waitForLoadState('networkidle');
  const order = slot(page, 'order-management').getByTestId('order-detail');
  await expect(order.getByTestId('order-line')).toContainText(mug.name);
  await order.getByTestId('cancel-order').click();
  await expect(order.getByTestId('order-status')).toHaveText(/cancelled/i);
  await screenshot(page, journey, 'cancelled');

  // And it stays cancelled in the list.
  await page.goto(`${baseURL()}/account`);
  await expect(row.getByTestId('order-status')).toHaveText(/cancelled/i);
});
