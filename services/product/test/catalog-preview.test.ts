import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productPage } from '@storefront/contracts';
import { createPreviewTokens } from '../src/domain/preview-token.js';
import { previewTokenResponse, productListResponse, productView } from '@storefront/contracts';
import { keysUnder } from '@storefront/testkit';
import { call } from './support/editor-api.js';
import { startProductService, TEST_PREVIEW_SECRET, type ProductService } from './support/product-service.js';

let service: ProductService;
let editor: string;
let draft: { id: string; slug: string };

beforeAll(async () => {
  service = await startProductService();
  editor = await service.auth.sessionCookie({ role: 'editor' });
  const response = await call(service, 'POST', '/products', {
    session: editor,
    body: {
      slug: 'secret-prototype-kettle',
      name: 'Secret Prototype Kettle',
      description: 'Not announced yet.',
      priceMinor: 7900,
      category: 'kitchen',
      stock: 3,
    },
  });
  draft = productView.parse(await response.json());
});

afterAll(async () => {
  await service?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${service.url}${path}`, { headers });

async function mintToken(): Promise<string> {
  const response = await call(service, 'POST', '/products/preview-token', { session: editor });
  expect(response.status).toBe(201);
  return previewTokenResponse.parse(await response.json()).token;
}

describe('drafts and the public', () => {
  it('when a visitor asks for a draft, by page or in the listing, it is not there', async () => {
    expect((await get(`/products/${draft.slug}`)).status).toBe(404);
    expect((await get(`/products/images/${draft.slug}.svg`)).status).toBe(404);
    const listing = productPage.parse(await (await get('/products?category=kitchen&pageSize=100')).json());
    expect(listing.items.map((item) => item.slug)).not.toContain(draft.slug);
  });

  it('when a visitor sends a forged, foreign or expired preview token, it is not there either', async () => {
    const editorSession = { id: randomUUID(), sessionId: randomUUID(), role: 'editor' as const };
    const foreign = createPreviewTokens('another-secret-0123456789abcdefghijklmnopqrstuvwxyz').mint(
      editorSession,
    ).token;
    const expired = createPreviewTokens(TEST_PREVIEW_SECRET, 3600, () => Date.now() - 2 * 3600_000).mint(
      editorSession,
    ).token;
    const valid = await mintToken();
    const [payload] = valid.split('.');
    const tampered = `${payload}.${'A'.repeat(43)}`;

    for (const token of [foreign, expired, tampered, 'garbage', `${valid}.extra`]) {
      const response = await get(`/products/${draft.slug}`, { 'x-preview-token': token });
      expect(response.status).toBe(404);
    }
  });
});

describe('previewing drafts', () => {
  it('when an editor mints a preview token, it comes in the answer and as an HttpOnly cookie, valid for an hour', async () => {
    const response = await call(service, 'POST', '/products/preview-token', { session: editor });

    expect(response.status).toBe(201);
    const { token, expiresAt } = previewTokenResponse.parse(await response.json());
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`sf_preview=${token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Max-Age=3600/i);
  });

  it('when the token comes in the header, the draft answers, privately and never cached in Redis', async () => {
    const token = await mintToken();

    const response = await get(`/products/${draft.slug}`, { 'x-preview-token': token });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(productView.parse(await response.json())).toMatchObject({ slug: draft.slug, status: 'draft' });
    expect(await service.redis.exists(`products:detail:${draft.slug}`)).toBe(0);
  });

  it('when the token comes as the sf_preview cookie, the listing includes the draft, privately', async () => {
    const token = await mintToken();
    const keysBefore = (await keysUnder(service.redis, service.redisPrefix)).length;

    const response = await get('/products?category=kitchen&pageSize=100', { cookie: `sf_preview=${token}` });

    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const listing = productListResponse.parse(await response.json());
    expect(listing.items.map((item) => item.slug)).toContain(draft.slug);
    const publicListing = productPage.parse(
      await (await get('/products?category=kitchen&pageSize=100')).json(),
    );
    expect(listing.total).toBe(publicListing.total + 1);
    // Only the public read above may have added a key; the preview added none.
    expect((await keysUnder(service.redis, service.redisPrefix)).length).toBeLessThanOrEqual(keysBefore + 1);
  });

  it('when an editor browses the public routes with their session, drafts show, privately', async () => {
    const response = await call(service, 'GET', `/products/${draft.slug}`, { session: editor });
    const image = await call(service, 'GET', `/products/images/${draft.slug}.svg`, { session: editor });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toBe('private, no-store');
  });

  it('when a customer is signed in, drafts stay hidden', async () => {
    const customer = await service.auth.sessionCookie({ role: 'customer' });

    const response = await call(service, 'GET', `/products/${draft.slug}`, { session: customer });

    expect(response.status).toBe(404);
  });

  it('when the visitor leaves preview mode, the cookie is cleared', async () => {
    const response = await call(service, 'DELETE', '/products/preview-token');

    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(/sf_preview=;.*Expires=Thu, 01 Jan 1970/i);
  });

  it('when a published product is read with a preview token, the public cache is not touched', async () => {
    const token = await mintToken();

    const response = await get('/products/blue-mug', { 'x-preview-token': token });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await service.redis.exists('products:detail:blue-mug')).toBe(0);
  });
});

describe('a preview token lives no longer than the session that minted it', () => {
  async function previewOfAFreshEditor() {
    const sessionId = randomUUID();
    const id = randomUUID();
    const session = await service.auth.sessionCookie({ id, sessionId, role: 'editor' });
    const response = await call(service, 'POST', '/products/preview-token', { session });
    expect(response.status).toBe(201);
    const { token } = previewTokenResponse.parse(await response.json());
    expect((await get(`/products/${draft.slug}`, { 'x-preview-token': token })).status).toBe(200);
    return { id, sessionId, token };
  }

  it('when the editor signs out, their preview token shows the draft no more', async () => {
    const { sessionId, token } = await previewOfAFreshEditor();

    await service.sessionRegistry.revoke([sessionId]);

    expect((await get(`/products/${draft.slug}`, { 'x-preview-token': token })).status).toBe(404);
    expect((await get(`/products/${draft.slug}`, { cookie: `sf_preview=${token}` })).status).toBe(404);
  });

  it('when the editor is made a customer, their preview token shows the draft no more', async () => {
    const { id, token } = await previewOfAFreshEditor();

    await service.sessionRegistry.setRole(id, 'customer');

    expect((await get(`/products/${draft.slug}`, { 'x-preview-token': token })).status).toBe(404);
  });
});
