import { expect, test, type Page } from '@playwright/test';
import {
  baseURL,
  categories,
  createProduct,
  jsonLd,
  screenshot,
  sitemapText,
  signInEditor,
  slot,
  uniqueWord,
  type Product,
} from './journeys/storefront.js';

// A visitor from a search engine: no JavaScript, everything is in the first HTML answer.
test.use({ javaScriptEnabled: false });
test.describe.configure({ mode: 'serial' });

const journey = 'visitor';
let word: string;
let product: Product;
let sibling: Product;
let category: { slug: string; name: string };
let otherCategory: { slug: string; name: string };

test.beforeAll(async () => {
  const editor = await signInEditor();
  const known = await categories();
  expect(known.length).toBeGreaterThanOrEqual(2);
  [category, otherCategory] = [known[0]!, known[1]!];
  word = uniqueWord('visitor');
  product = await createProduct(editor, {
    name: `Lantern ${word}`,
    category: category.slug,
    priceMinor: 2450,
    description: `A warm lantern for long evenings (${word}).`,
  });
  sibling = await createProduct(editor, {
    name: `Teapot ${uniqueWord('other')}`,
    category: otherCategory.slug,
  });
});

async function head(page: Page, selector: string, attribute: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute(attribute);
}

test('the home page has products and its SEO tags in the HTML', async ({ page }) => {
  const res = await page.goto(baseURL());
  expect(res?.status()).toBe(200);
  const html = (await res?.text()) ?? '';
  expect(html).not.toContain('<!--# include');

  await expect(page).toHaveTitle(/storefront/i);
  expect(await head(page, 'meta[name="description"]', 'content')).toBeTruthy();
  expect(new URL((await head(page, 'link[rel="canonical"]', 'href')) ?? '').pathname).toBe('/');
  expect(await head(page, 'meta[property="og:title"]', 'content')).toBeTruthy();
  expect(await head(page, 'meta[property="og:url"]', 'content')).toBeTruthy();
  expect(await head(page, 'meta[property="og:type"]', 'content')).toBe('website');
  expect(jsonLd(html).map((block) => block['@type'])).toContain('WebSite');

  await expect(slot(page, 'product-catalog').getByTestId('product-card').first()).toBeVisible();
  await screenshot(page, journey, 'home');
});

test('a category page lists only the products of that category', async ({ page }) => {
  const res = await page.goto(`${baseURL()}/c/${category.slug}?pageSize=100`);
  expect(res?.status()).toBe(200);
  const html = (await res?.text()) ?? '';
  await expect(page.getByRole('heading', { level: 1, name: category.name })).toBeVisible();
  const crumbs = jsonLd(html).find((block) => block['@type'] === 'BreadcrumbList');
  expect(crumbs).toBeTruthy();

  const cards = slot(page, 'product-catalog').getByTestId('product-card');
  await expect(cards.filter({ hasText: product.name })).toHaveCount(1);
  await expect(cards.filter({ hasText: sibling.name })).toHaveCount(0);
  // Every card shown belongs to this category (the API is the judge).
  const ids = await cards.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-product-id')));
  const api = await fetch(`${baseURL()}/api/products?category=${category.slug}&pageSize=100`);
  const listed = ((await api.json()) as { items: { id: string; category: string }[] }).items;
  expect(listed.every((item) => item.category === category.slug)).toBe(true);
  expect(new Set(ids)).toEqual(new Set(listed.map((item) => item.id)));
  await screenshot(page, journey, 'category');
});

test('a product page has Product + Offer and BreadcrumbList JSON-LD', async ({ page }) => {
  const res = await page.goto(`${baseURL()}/products/${product.slug}`);
  expect(res?.status()).toBe(200);
  const html = (await res?.text()) ?? '';
  await expect(page).toHaveTitle(new RegExp(product.name));
  expect(await head(page, 'link[rel="canonical"]', 'href')).toMatch(new RegExp(`/products/${product.slug}$`));
  expect(await head(page, 'meta[property="og:image"]', 'content')).toBeTruthy();

  const blocks = jsonLd(html);
  const productLd = blocks.find((block) => block['@type'] === 'Product') as
    | {
        name: string;
        offers: { '@type': string; price: string; priceCurrency: string; availability: string };
      }
    | undefined;
  expect(productLd?.name).toBe(product.name);
  expect(productLd?.offers).toMatchObject({
    '@type': 'Offer',
    price: '24.50',
    priceCurrency: 'EUR',
    availability: 'https://schema.org/InStock',
  });
  const crumbs = blocks.find((block) => block['@type'] === 'BreadcrumbList') as
    { itemListElement: { name: string; position: number }[] } | undefined;
  expect(crumbs?.itemListElement.map((item) => item.name)).toEqual(['Home', category.name, product.name]);

  const detail = slot(page, 'product-catalog').getByTestId('product-detail');
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText(product.name);
  await expect(detail.getByTestId('price')).toContainText('24.50');
  await screenshot(page, journey, 'product');
});

test('search finds a product by a word of its name, and its link leads to the product', async ({ page }) => {
  await page.goto(baseURL());
  // The header's search box is a GET form: it works without JavaScript.
  const search = page.getByTestId('site-header').getByTestId('search-form');
  await search.getByRole('searchbox').fill(word);
  await search.getByRole('button', { name: /search/i }).click();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}`));
  const results = slot(page, 'product-catalog').getByTestId('search-results');
  await expect(results.getByTestId('product-card')).toHaveCount(1);
  await screenshot(page, journey, 'search');

  await results.getByRole('link', { name: product.name }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${product.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();
});

test('links navigate: header category link, then back home by the brand', async ({ page }) => {
  await page.goto(`${baseURL()}/products/${product.slug}`);
  await page.getByTestId('category-nav').getByRole('link', { name: otherCategory.name }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${otherCategory.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: otherCategory.name })).toBeVisible();
  await page.getByTestId('site-header').getByRole('link', { name: 'Storefront' }).click();
  await expect(page).toHaveURL(`${baseURL()}/`);
  await expect(slot(page, 'product-catalog').getByTestId('product-card').first()).toBeVisible();
});

test('a missing product answers 404 with a real page', async ({ page }) => {
  const res = await page.goto(`${baseURL()}/products/${uniqueWord('no-such-product-')}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('site-header')).toBeVisible();
  expect(await head(page, 'meta[name="robots"]', 'content')).toMatch(/noindex/);
  await screenshot(page, journey, 'not-found');
});

test('sitemap.xml lists the products and robots.txt points at it', async ({ request }) => {
  const xml = await sitemapText(request);
  expect(xml).toContain(`/products/${product.slug}</loc>`);
  expect(xml).toContain(`/products/${sibling.slug}</loc>`);
  expect(xml).toContain(`/c/${category.slug}</loc>`);

  const robots = await request.get(`${baseURL()}/robots.txt`);
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  expect(text).toMatch(/User-Agent: \*/i);
  expect(text).toMatch(/Sitemap: .*\/sitemap\.xml/);
});
