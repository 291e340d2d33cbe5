import { expect, test, type Page } from '@playwright/test';
import {
  categories,
  createProduct,
  registerAccount,
  screenshot,
  signInContext,
  signInEditor,
  uniqueWord,
  visit,
  type Product,
} from './journeys/storefront.js';
import { seriousViolations } from './journeys/accessibility.js';

const journey = 'a11y';

let product: Product;
let category: { slug: string; name: string };

test.beforeAll(async () => {
  const editor = await signInEditor();
  [category] = (await categories()) as [{ slug: string; name: string }];
  product = await createProduct(editor, { name: `Lamp ${uniqueWord('a11y')}`, category: category.slug });
});

/** axe-core's WCAG 2.x A/AA rules on the page as the visitor sees it (hydrated); serious and critical fail. */
async function expectNoSeriousViolations(page: Page, name: string) {
  const report = await seriousViolations(page);
  await screenshot(page, journey, name);
  expect(report, `${name}: serious or critical accessibility violations`).toEqual([]);
}

test.describe('pages for everyone', () => {
  for (const [name, path] of [
    ['home', () => '/'],
    ['category', () => `/c/${category.slug}`],
    ['product', () => `/products/${product.slug}`],
    ['cart', () => '/cart'],
    ['signin', () => '/signin'],
    ['signup', () => '/signup'],
  ] as const) {
    test(`${name} has no serious accessibility violations`, async ({ page }) => {
      await visit(page, path());
      await expectNoSeriousViolations(page, name);
    });
  }

  test('a cart with products has no serious accessibility violations', async ({ page }) => {
    await visit(page, `/products/${product.slug}`);
    await page.getByTestId('product-detail').getByTestId('add-to-cart').click();
    await expect(page.getByTestId('cart-badge')).toHaveText('1');
    await visit(page, '/cart');
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expectNoSeriousViolations(page, 'cart-filled');
  });
});

test('the account page of a signed-in customer has no serious accessibility violations', async ({
  browser,
}) => {
  const context = await browser.newContext();
  await signInContext(context, await registerAccount('Ally Customer'));
  const page = await context.newPage();
  await visit(page, '/account');
  await expect(page.getByTestId('session-user')).toHaveText('Ally Customer');
  await expectNoSeriousViolations(page, 'account');
  await context.close();
});
