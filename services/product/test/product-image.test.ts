import { afterAll, beforeAll, expect, it } from 'vitest';
import { problemSchema } from '@storefront/contracts';
import { startProductService, type ProductService } from './support/product-service.js';

let service: ProductService;

beforeAll(async () => {
  service = await startProductService();
});

afterAll(async () => {
  await service?.close();
});

const image = (slug: string) => fetch(`${service.url}/products/images/${slug}.svg`);
const unescapedAmpersand = /&(?!(?:amp|lt|gt|quot|apos);)/;

it('when a browser loads a product image, it gets a cacheable SVG showing the escaped product name', async () => {
  const response = await image('walnut-salt-and-pepper-mill');

  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
  expect(response.headers.get('etag')).toBeTruthy();
  const svg = await response.text();
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svg).toContain('Walnut Salt &amp;');
  expect(svg).toContain('KITCHEN');
  expect(svg).not.toMatch(unescapedAmpersand);
});

it('when a product name carries markup, the image shows it as text and never as markup', async () => {
  await service.pool.query(`UPDATE products SET name = $1 WHERE slug = 'sage-mug'`, [
    `<script>alert("x")</script> Sage's Mug`,
  ]);

  const svg = await (await image('sage-mug')).text();

  expect(svg).not.toContain('<script');
  expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  expect(svg).toContain('Sage&apos;s');
  expect(svg).not.toMatch(unescapedAmpersand);
});

it('when two products of one category are drawn, they share a colour family yet differ', async () => {
  const first = await (await image('blue-mug')).text();
  const second = await (await image('oval-dutch-oven')).text();

  const hue = (svg: string) => Number(/hsl\((\d+) /.exec(svg)?.[1]);
  expect(Math.abs(hue(first) - hue(second))).toBeLessThanOrEqual(24);
  expect(first).not.toBe(second);
});

it('when the product does not exist, the image answers 404 problem+json', async () => {
  const response = await image('no-such-product');

  expect(response.status).toBe(404);
  expect(problemSchema.parse(await response.json()).status).toBe(404);
});
