// Helpers of the browser journeys: the stack's addresses, accounts and products made through the APIs, and
// screenshots of the key steps. Each journey makes its own users and products, so the specs run in any order.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { editor } from '../global-setup.js';

/** The gateway of the stack global-setup started (one origin for pages and `/api`). */
export const baseURL = (): string => process.env.STOREFRONT_URL!;

/** sitemap.xml is an index: the text of every sitemap it lists, one after another (paths asked of this stack). */
export async function sitemapText(request: APIRequestContext): Promise<string> {
  const index = await request.get(`${baseURL()}/sitemap.xml`);
  expect(index.status()).toBe(200);
  const files = [...(await index.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
    (match) => new URL(match[1]!).pathname,
  );
  expect(files.length).toBeGreaterThan(1);
  const texts = await Promise.all(
    files.map(async (path) => (await request.get(`${baseURL()}${path}`)).text()),
  );
  return texts.join('\n');
}

/** A part's own address (services and podlets straight, not through nginx). */
export function partUrl(name: string): string {
  const urls = JSON.parse(process.env.STACK_PART_URLS ?? '{}') as Record<string, string>;
  const url = urls[name];
  if (!url) throw new Error(`no part named ${name} (is STACK_PART_URLS set by global-setup?)`);
  return url;
}

/** A short random word of letters only (full-text search indexes it as one word). */
export function uniqueWord(prefix: string): string {
  const letters = [...randomBytes(6)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${prefix}${letters}`;
}

const screenshotDir = new URL('../../results/screenshots/', import.meta.url).pathname;

/** `tests/results/screenshots/<journey>-<step>.png` of the whole page. */
export async function screenshot(page: Page, journey: string, step: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = `${screenshotDir}${journey}-${step}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The slot of one fragment in a composed page. */
export const slot = (page: Page, name: string) => page.locator(`[data-fragment="${name}"]`).first();

/**
 * A session made straight at the user service: the gateway rate-limits sign-in and registration per address (the
 * journeys that test those forms use the UI), and the other journeys only need someone signed in.
 */
export interface Account {
  email: string;
  password: string;
  name: string;
  /** The `sf_session` cookie's value. */
  session: string;
}

async function userCall(path: string, body: unknown): Promise<Response> {
  const csrf = randomBytes(32).toString('base64url');
  return fetch(`${partUrl('user')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `sf_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
}

function sessionFrom(res: Response): string {
  const cookie = res.headers.getSetCookie().find((line) => line.startsWith('sf_session='));
  const value = cookie?.split(';')[0]?.slice('sf_session='.length);
  if (!value) throw new Error(`no sf_session in the answer (${res.status})`);
  return value;
}

export async function registerAccount(name = 'Journey Customer'): Promise<Account> {
  const email = `${uniqueWord('customer')}@example.test`;
  const password = 'correct horse battery staple';
  const res = await userCall('/users/register', { name, email, password });
  expect(res.status, await res.clone().text()).toBe(201);
  return { email, password, name, session: sessionFrom(res) };
}

export async function signInEditor(): Promise<Account> {
  const res = await userCall('/users/login', editor);
  expect(res.status, await res.clone().text()).toBe(200);
  return { ...editor, name: 'Editor', session: sessionFrom(res) };
}

/** Puts the account's session into a browser context, as if it had signed in there. */
export async function signInContext(context: BrowserContext, account: Account): Promise<void> {
  await context.addCookies([
    { name: 'sf_session', value: account.session, url: baseURL(), httpOnly: true, sameSite: 'Lax' },
  ]);
}

export interface Product {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  category: string;
  stock: number;
  status: string;
}

export interface NewProduct {
  name: string;
  category: string;
  priceMinor?: number;
  stock?: number;
  status?: 'draft' | 'published';
  description?: string;
}

/** Creates a product through the editors' API at the gateway (published unless said otherwise). */
export async function createProduct(editorAccount: Account, product: NewProduct): Promise<Product> {
  const csrf = randomBytes(32).toString('base64url');
  const slug = product.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const res = await fetch(`${baseURL()}/api/products`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `sf_csrf=${csrf}; sf_session=${editorAccount.session}`,
      'x-csrf-token': csrf,
    },
    body: JSON.stringify({
      slug,
      name: product.name,
      description: product.description ?? `${product.name}, made for the journeys of the storefront.`,
      priceMinor: product.priceMinor ?? 1250,
      currency: 'EUR',
      category: product.category,
      stock: product.stock ?? 20,
      status: product.status ?? 'published',
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Product;
}

/** The categories the product service knows (the seeded ones; the journeys put their products there). */
export async function categories(): Promise<{ slug: string; name: string }[]> {
  const res = await fetch(`${baseURL()}/api/products/categories`);
  expect(res.status).toBe(200);
  const { items } = (await res.json()) as { items: { slug: string; name: string }[] };
  expect(items.length).toBeGreaterThan(0);
  return items;
}

/** POST /stop/<part>?wait=1 or /start/<part> on the stack's control endpoint. */
export async function controlPart(action: 'stop' | 'start', name: string): Promise<void> {
  const query = action === 'stop' ? '?wait=1' : '';
  const res = await fetch(`${process.env.STACK_CONTROL_URL}/${action}/${name}${query}`, { method: 'POST' });
  expect(res.status, await res.text()).toBe(204);
}

/** The JSON-LD blocks of an HTML document, parsed. */
export function jsonLd(html: string): Record<string, unknown>[] {
  const blocks = [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)];
  return blocks.flatMap((match) => {
    const parsed = JSON.parse(match[1]!) as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
  });
}

/**
 * Opens a page and waits until its scripts are loaded and the fragments hydrated (no request for half a second): a
 * click on a server-rendered button before its framework has hydrated it does nothing.
 */
export async function visit(page: Page, path: string) {
  const res = await page.goto(`${baseURL()}${path}`, { waitUntil: 'networkidle' });
  expect(res, `no answer for ${path}`).not.toBeNull();
  return res!;
}

/** Where the journeys' orders go. */
export const deliveryAddress = {
  line1: '12 Harbour Road',
  city: 'Bristol',
  postalCode: 'BS1 4QA',
  country: 'GB',
};

/**
 * Checks the cart out to a new address and places the order, as a shopper does (with JavaScript or without: the
 * address form and "Place order" work either way), and returns the id of the order's page it lands on.
 */
export async function placeOrderAtCheckout(page: Page, address = deliveryAddress): Promise<string> {
  await visit(page, '/checkout');
  const checkout = slot(page, 'order-management');
  await checkout.getByTestId('checkout-address-new').check();
  const fields = checkout.getByTestId('new-address');
  await fields.getByLabel('Street and number').fill(address.line1);
  await fields.getByLabel('City').fill(address.city);
  await fields.getByLabel('Postal code').fill(address.postalCode);
  await fields.getByLabel('Country code (two letters)').fill(address.country);
  await checkout.getByTestId('review-order').click();
  await checkout.getByTestId('checkout-review').getByTestId('place-order').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  return /\/orders\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}

export interface CapturedEmail {
  to: string;
  subject?: string;
  text: string;
}

/**
 * The emails the notification service recorded in its local sink (`<prefix>sink:email`, newest first): without an
 * SMTP server, that is the customer's mailbox. Polls until one to `to` matches `subject`.
 */
export async function capturedEmail(to: string, subject: RegExp): Promise<CapturedEmail> {
  const { openRedis } = await import('@storefront/service-kit');
  const redis = await openRedis(process.env.STACK_REDIS_URL!, process.env.STACK_REDIS_PREFIX!);
  try {
    let found: CapturedEmail | undefined;
    await expect
      .poll(
        async () => {
          const entries = (await redis.lrange('sink:email', 0, 200)).map(
            (entry) => JSON.parse(entry) as CapturedEmail,
          );
          found = entries.find((entry) => entry.to === to && subject.test(entry.subject ?? ''));
          return found !== undefined;
        },
        { timeout: 20_000, message: `an email to ${to} about ${subject}` },
      )
      .toBe(true);
    return found!;
  } finally {
    await redis.quit();
  }
}
