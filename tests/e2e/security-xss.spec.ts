import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { type Visitor, baseURL, editorAccount, signIn } from './support/storefront.js';

const payloads = [
  '</script><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>\u2028</title>',
];

interface Created {
  id: string;
  slug: string;
  name: string;
}

let editor: Visitor;
const created: Created[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  editor = await signIn(editorAccount.email, editorAccount.password);
  const categories = (await editor.get('/api/products/categories')).json<{ items: { slug: string }[] }>()
    .items;
  expect(categories.length).toBeGreaterThan(0);
  for (const [index, payload] of payloads.entries()) {
    const slug = `xss-${index}-${randomUUID().slice(0, 8)}`;
    const res = await editor.post('/api/products', {
      json: {
        slug,
        name: `Mug ${payload}`,
        description: `Described as ${payload}`,
        priceMinor: 1234 + index,
        category: categories[0]!.slug,
        stock: 5,
        status: 'published',
        attributes: { colour: payload },
        images: [{ url: '/api/products/images/x.svg', alt: payload }],
      },
    });
    expect(res.status, res.body).toBe(201);
    created.push({ ...res.json<Created>() });
  }
});

test.afterAll(async () => {
  for (const product of created) await editor.request('DELETE', `/api/products/manage/${product.id}`);
});

test.describe('a product named like markup is shown as text', () => {
  test('its page and the serialized store slices carry the name escaped', async () => {
    for (const [index, product] of created.entries()) {
      const payload = payloads[index]!;
      const res = await fetch(`${baseURL()}/products/${product.slug}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      // The markup never appears as markup; it does appear (escaped) as the name.
      expect(html).not.toContain(payload);
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toMatch(/<img\s+src=x\s+onerror/i);
      expect(html).not.toMatch(/<svg\s+onload/i);
      expect(html).toMatch(/Mug (&lt;|&quot;|&#34;|&#x22;|\\u003c|\\u0022)/);
      // Every JSON script (store slices, JSON-LD, Next's data) stays one script: no '<' inside.
      const jsonScripts = [
        ...html.matchAll(/<script type="application\/(?:json|ld\+json)"[^>]*>([\s\S]*?)<\/script>/g),
      ];
      expect(jsonScripts.length).toBeGreaterThan(0);
      for (const [, body] of jsonScripts) {
        expect(body).not.toMatch(/</);
        expect(() => JSON.parse(body!) as unknown).not.toThrow();
      }
      const slices = jsonScripts.filter(([whole]) => whole.includes('data-store-slice'));
      expect(slices.length).toBeGreaterThan(0);
      const catalog = html.match(
        /<script type="application\/json" data-store-slice="catalog">([\s\S]*?)<\/script>/,
      );
      if (catalog)
        expect(JSON.stringify(JSON.parse(catalog[1]!))).toContain(
          `Mug ${payload.replace(/"/g, '\\"')}`.slice(0, 8),
        );
    }
  });

  test('in the browser: no dialog fires and the name reads as typed, on the product, listing and search pages', async ({
    page,
  }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    for (const [index, product] of created.entries()) {
      await page.goto(`${baseURL()}/products/${product.slug}`);
      await page.waitForLoadState('networkidle');
      const catalog = page.locator('[data-fragment="product-catalog"]').first();
      await expect(catalog).toContainText(`Mug ${payloads[index]!.replace('\u2028', '').slice(0, 12)}`);
      expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
      expect(await page.title()).not.toMatch(/^$/);
    }
    for (const path of [
      '/',
      `/search?q=${encodeURIComponent('Mug')}`,
      `/search?q=${encodeURIComponent(payloads[0]!)}`,
    ]) {
      await page.goto(`${baseURL()}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('img[src="x"]').count(), path).toBe(0);
    }
    // Add one to the cart: the name travels through the store, the cookie and the Solid cart and stays text.
    await page.goto(`${baseURL()}/products/${created[1]!.slug}`);
    const add = page
      .locator('[data-fragment="product-catalog"]')
      .getByRole('button', { name: /add to cart/i });
    if (await add.count()) {
      await add.first().click();
      await expect(page.getByTestId('cart-badge')).toHaveText('1');
      await page.goto(`${baseURL()}/cart`);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[data-fragment="order-management"]').first()).toContainText('<img src=x');
      expect(await page.locator('img[src="x"]').count()).toBe(0);
    }
    expect(dialogs).toEqual([]);
  });
});
