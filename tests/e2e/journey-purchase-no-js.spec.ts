import { expect, test } from '@playwright/test';
import {
  baseURL,
  categories,
  createProduct,
  deliveryAddress,
  placeOrderAtCheckout,
  registerAccount,
  screenshot,
  signInContext,
  signInEditor,
  slot,
  uniqueWord,
  type Product,
} from './journeys/storefront.js';

// The whole purchase with JavaScript off: every step is a plain link, a GET form or a form post that the services
// answer with 303 back to a page, and the server keeps the cart. Run on a desktop and on a phone-sized viewport.

const journey = 'purchase-no-js';

let mug: Product;
let bowl: Product;

test.beforeAll(async () => {
  const editor = await signInEditor();
  const [category] = await categories();
  const word = uniqueWord('nojs');
  mug = await createProduct(editor, { name: `Mug ${word}`, category: category!.slug, priceMinor: 1200 });
  bowl = await createProduct(editor, { name: `Bowl ${word}`, category: category!.slug, priceMinor: 2500 });
});

const viewports = [
  { name: 'desktop', size: { width: 1280, height: 900 } },
  { name: 'phone', size: { width: 390, height: 844 } },
];

for (const { name, size } of viewports) {
  test(`with JavaScript off (${name}, ${size.width}x${size.height}), a visitor adds, changes the cart, signs in, checks out and sees the order with its address`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: size });
    const page = await context.newPage();
    const shot = (step: string) => screenshot(page, journey, `${name}-${step}`);

    // The product page: two mugs, by the plain "Add to cart" form; the page comes back with the badge at 2.
    await page.goto(`${baseURL()}/products/${mug.slug}`);
    const detail = slot(page, 'product-catalog').getByTestId('product-detail');
    await detail.getByTestId('quantity').fill('2');
    await detail.getByTestId('add-to-cart').click();
    await expect(page).toHaveURL(new RegExp(`/products/${mug.slug}$`));
    await expect(page.getByTestId('cart-badge')).toHaveText('2');
    await expect(slot(page, 'order-management').getByTestId('cart-line')).toContainText(mug.name);
    await shot('added');

    await page.goto(`${baseURL()}/products/${bowl.slug}`);
    await slot(page, 'product-catalog').getByTestId('product-detail').getByTestId('add-to-cart').click();
    await expect(page.getByTestId('cart-badge')).toHaveText('3');

    // The cart: three mugs instead of two, and the bowl removed; each a form post that comes back to /cart.
    await page.getByTestId('cart-link').click();
    await expect(page).toHaveURL(/\/cart$/);
    const cart = slot(page, 'order-management');
    await expect(cart.getByTestId('cart-line')).toHaveCount(2);
    await cart.getByLabel(`Quantity of ${mug.name}`).fill('3');
    await cart.getByRole('button', { name: `Update quantity of ${mug.name}` }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(cart.getByLabel(`Quantity of ${mug.name}`)).toHaveValue('3');
    await expect(page.getByTestId('cart-badge')).toHaveText('4');
    await cart.getByRole('button', { name: `Remove ${bowl.name}` }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(cart.getByTestId('cart-line')).toHaveCount(1);
    await expect(cart.getByTestId('cart-total')).toContainText('36.00');
    await expect(page.getByTestId('cart-badge')).toHaveText('3');
    await shot('cart');

    // Signed in (the session as the user service sets it); checkout merges the visitor's cart into the account's.
    await signInContext(context, await registerAccount(`No-JS Shopper ${name}`));
    const orderId = await placeOrderAtCheckout(page);

    // The order's page: what was bought, the total, where it goes and its status; the cart is empty.
    const order = slot(page, 'order-management').getByTestId('order-detail');
    await expect(order).toContainText(orderId);
    await expect(order.getByTestId('order-line')).toContainText(mug.name);
    await expect(order.getByTestId('order-line')).toContainText('3');
    await expect(order.getByTestId('order-total')).toContainText('36.00');
    const address = order.getByTestId('delivery-address');
    for (const part of [deliveryAddress.line1, deliveryAddress.city, deliveryAddress.postalCode])
      await expect(address).toContainText(part);
    await expect(order.getByTestId('order-status')).toHaveText(/placed/i);
    await expect(page.getByTestId('cart-badge')).toHaveText('0');
    await shot('confirmation');

    // Only its owner sees it: another customer gets "not found", and the API answers 404.
    const stranger = await browser.newContext({ javaScriptEnabled: false, viewport: size });
    await signInContext(stranger, await registerAccount('Someone Else'));
    const other = await stranger.newPage();
    await other.goto(`${baseURL()}/orders/${orderId}`);
    await expect(slot(other, 'order-management').getByTestId('order-detail')).toHaveCount(0);
    await expect(slot(other, 'order-management')).toContainText('Order not found');
    expect((await other.request.get(`${baseURL()}/api/orders/${orderId}`)).status()).toBe(404);
    await stranger.close();
    await context.close();
  });
}
