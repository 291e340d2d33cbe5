import { expect, test } from '@playwright/test';
import { editor } from './global-setup.js';
import { baseURL, categories, screenshot, sitemapText, slot, uniqueWord } from './journeys/storefront.js';

const journey = 'editor';

test('an editor drafts a product, previews it on its real page, publishes it and leaves preview', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const [category] = await categories();
  const word = uniqueWord('editor');
  const name = `Kettle ${word}`;
  const slug = `kettle-${word}`;

  // Sign in on /signin as the seeded editor; the header offers the editor.
  await page.goto(`${baseURL()}/signin`);
  const signIn = slot(page, 'user-dashboard').getByTestId('sign-in-form');
  await signIn.getByLabel('Email').fill(editor.email);
  await signIn.getByLabel('Password').fill(editor.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-signed-in', 'true');
  await page.goto(`${baseURL()}/account`);
  await page.getByTestId('site-header').getByTestId('editor-link').click();
  await expect(page).toHaveURL(/\/editor$/);
  const catalog = slot(page, 'product-catalog');
  await expect(catalog.getByTestId('editor-product-list')).toBeVisible();
  await screenshot(page, journey, 'product-list');

  // Create a draft through the editor's form.
  await catalog.getByTestId('new-product').click();
  await expect(page).toHaveURL(/\/editor\/products\/new$/);
  const form = catalog.getByTestId('editor-product-form');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(/^Slug/).fill(slug);
  await form.getByLabel('Description').fill(`A kettle that sings (${word}).`);
  await form.getByLabel(/^Price in cents/).fill('3999');
  await form.getByLabel('Category').selectOption(category!.slug);
  await form.getByLabel('Stock').fill('7');
  await expect(form.getByLabel('Status')).toHaveValue('draft');
  await screenshot(page, journey, 'new-product');
  await form.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/editor\/products\/[\w-]+$/);
  await expect(catalog.getByRole('heading', { level: 1 })).toHaveText(`Edit ${name}`);
  await expect(catalog.getByTestId('draft-badge').first()).toHaveText(/draft/i);
  const editUrl = page.url();

  // An anonymous visitor does not see the draft.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const hidden = await visitor.goto(`${baseURL()}/products/${slug}`);
  expect(hidden?.status()).toBe(404);
  await expect(visitor.getByTestId('not-found')).toBeVisible();

  // Preview: the button in the editor's list sets the preview cookie and lands on the storefront.
  await page.goto(`${baseURL()}/editor`);
  await catalog.getByTestId('preview-drafts').click();
  await expect(page.getByTestId('preview-banner')).toBeVisible();
  const preview = await page.goto(`${baseURL()}/products/${slug}`);
  expect(preview?.status()).toBe(200);
  expect(preview?.headers()['cache-control']).toMatch(/private/);
  expect(preview?.headers()['cache-control']).toMatch(/no-store/);
  await expect(page.getByTestId('preview-banner')).toContainText('Preview');
  const detail = catalog.getByTestId('product-detail');
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(detail.getByTestId('draft-badge')).toHaveText(/draft/i);
  expect(await page.locator('meta[name="robots"]').getAttribute('content')).toMatch(/noindex/);
  await screenshot(page, journey, 'preview');

  // Publish from the edit page.
  await page.goto(editUrl);
  await catalog.locator('.editor-status').getByTestId('publish').click();
  await expect(catalog.locator('.editor-status').getByTestId('draft-badge')).toHaveText(/published/i);
  await screenshot(page, journey, 'published');

  // The anonymous visitor sees it live (the layout remembers a 404 for one page request, 2 s), and the sitemap
  // lists it.
  await expect
    .poll(async () => (await visitor.goto(`${baseURL()}/products/${slug}`))?.status(), { timeout: 5_000 })
    .toBe(200);
  await expect(visitor.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(visitor.getByTestId('preview-banner')).toHaveCount(0);
  await expect(visitor.getByTestId('draft-badge')).toHaveCount(0);
  await screenshot(visitor, journey, 'live');
  // The gateway keeps a sitemap for ten seconds.
  await expect
    .poll(async () => sitemapText(visitor.request), { timeout: 15_000, intervals: [1_000] })
    .toContain(`/products/${slug}</loc>`);
  await anonymous.close();

  // Leaving preview is one click.
  await page.goto(`${baseURL()}/products/${slug}`);
  await expect(page.getByTestId('preview-banner')).toBeVisible();
  await page.getByTestId('leave-preview').click();
  await expect(page.getByTestId('preview-banner')).toHaveCount(0);
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('sf_preview');
  await screenshot(page, journey, 'left-preview');
});
