// What the layout asks the product service itself: the product of a product page (its status and SEO) and the
// categories (header links, category pages).
import { PREVIEW_COOKIE } from '@storefront/auth';
import { processSingleton } from './process-singleton';
import { parseCookieHeader } from './request-state';

const LOOKUP_TIMEOUT_MS = 1500;
const PUBLIC_TTL_MS = 500;
/** Previews see drafts: their answers are shared only between the proxy and the page of one request. */
const PERSONAL_TTL_MS = 2_000;
const CATEGORIES_TTL_MS = 60_000;
/** A product that does not exist (yet) may be published any moment: its 404 holds for one page request only. */
const MISSING_TTL_MS = 250;
const MAX_REMEMBERED = 1000;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function productServiceUrl(): string {
  return (process.env.PRODUCT_SERVICE_URL ?? 'http://127.0.0.1:7202').replace(/\/+$/, '');
}

export interface ProductImage {
  url: string;
  alt?: string;
}

/** The fields of the product service's answer the layout uses. */
export interface ProductDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceMinor: number;
  currency: string;
  category: string;
  imageUrl?: string;
  images?: ProductImage[];
  stock: number;
  status?: string;
  updatedAt?: string;
}

export interface Category {
  slug: string;
  name: string;
}

export type Lookup<T> =
  { state: 'found'; value: T } | { state: 'missing' } | { state: 'error'; error: string };

export interface ProductVisitor {
  cookie: string | null;
  previewToken: string | null;
  requestId?: string | null;
}

interface Remembered<T> {
  at: number;
  ttl: number;
  answer: Promise<Lookup<T>>;
}

// One memory per process, shared by the proxy and the page bundles.
const memory = processSingleton('productMemory', () => new Map<string, Remembered<unknown>>());

function remember<T>(key: string, ttl: number, load: () => Promise<Lookup<T>>): Promise<Lookup<T>> {
  const known = memory.get(key) as Remembered<T> | undefined;
  if (known && Date.now() - known.at < known.ttl) return known.answer;
  if (memory.size >= MAX_REMEMBERED) memory.clear();
  const answer = load();
  const entry: Remembered<T> = { at: Date.now(), ttl, answer };
  memory.set(key, entry);
  // Failures are not remembered beyond the requests already waiting for them.
  void answer.then((result) => {
    if (result.state === 'error' && memory.get(key) === entry) memory.delete(key);
    else if (result.state === 'missing') entry.ttl = Math.min(entry.ttl, MISSING_TTL_MS);
  });
  return answer;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseProduct(body: unknown): ProductDetail | undefined {
  if (!isRecord(body)) return undefined;
  const { id, slug, name, description, priceMinor, currency, category, stock } = body;
  if (typeof slug !== 'string' || typeof name !== 'string' || typeof priceMinor !== 'number')
    return undefined;
  const images = Array.isArray(body.images)
    ? body.images.flatMap((image): ProductImage[] =>
        isRecord(image) && typeof image.url === 'string'
          ? [{ url: image.url, ...(typeof image.alt === 'string' ? { alt: image.alt } : {}) }]
          : [],
      )
    : [];
  return {
    id: typeof id === 'string' ? id : slug,
    slug,
    name,
    description: typeof description === 'string' ? description : '',
    priceMinor,
    currency: typeof currency === 'string' ? currency : 'EUR',
    category: typeof category === 'string' ? category : '',
    ...(typeof body.imageUrl === 'string' ? { imageUrl: body.imageUrl } : {}),
    images,
    stock: typeof stock === 'number' ? stock : 0,
    ...(typeof body.status === 'string' ? { status: body.status } : {}),
    ...(typeof body.updatedAt === 'string' ? { updatedAt: body.updatedAt } : {}),
  };
}

/**
 * The product of a product page, as the product service answers this visitor: only `sf_preview` (and an
 * `x-preview-token`) is forwarded, so an editor's preview sees the draft instead of a 404, and every other visitor
 * gets the same public answer. Public answers are remembered for a second (nginx keeps the page itself); preview
 * ones only for the one page request (proxy, then page).
 */
export function lookupProduct(slug: string, visitor: ProductVisitor): Promise<Lookup<ProductDetail>> {
  if (!slugPattern.test(slug)) return Promise.resolve({ state: 'missing' });
  const cookies = parseCookieHeader(visitor.cookie);
  const forwarded = [PREVIEW_COOKIE]
    .filter((name) => cookies.has(name))
    .map((name) => `${name}=${cookies.get(name)}`)
    .join('; ');
  const personal = forwarded !== '' || visitor.previewToken !== null;
  const key = `product:${slug}:${personal ? `${forwarded}|${visitor.previewToken ?? ''}` : 'public'}`;
  return remember<ProductDetail>(key, personal ? PERSONAL_TTL_MS : PUBLIC_TTL_MS, async () => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (forwarded) headers.cookie = forwarded;
    if (visitor.previewToken) headers['x-preview-token'] = visitor.previewToken;
    if (visitor.requestId) headers['x-request-id'] = visitor.requestId;
    try {
      const response = await fetch(`${productServiceUrl()}/products/${slug}`, {
        headers,
        cache: 'no-store',
        signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
      });
      if (response.status === 404 || response.status === 400) {
        await response.body?.cancel();
        return { state: 'missing' };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { state: 'error', error: `product service answered ${response.status}` };
      }
      const product = parseProduct(await response.json());
      return product ? { state: 'found', value: product } : { state: 'error', error: 'unreadable product' };
    } catch (error) {
      return { state: 'error', error: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** The categories (`GET /products/categories`), remembered for a minute. */
export function lookupCategories(): Promise<Lookup<Category[]>> {
  return remember<Category[]>('categories', CATEGORIES_TTL_MS, async () => {
    try {
      const response = await fetch(`${productServiceUrl()}/products/categories`, {
        headers: { accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
      });
      if (!response.ok) {
        await response.body?.cancel();
        return { state: 'error', error: `product service answered ${response.status}` };
      }
      const body: unknown = await response.json();
      const items = isRecord(body) && Array.isArray(body.items) ? body.items : [];
      const categories = items.flatMap((item): Category[] =>
        isRecord(item) &&
        typeof item.slug === 'string' &&
        slugPattern.test(item.slug) &&
        typeof item.name === 'string'
          ? [{ slug: item.slug, name: item.name }]
          : [],
      );
      return { state: 'found', value: categories };
    } catch (error) {
      return { state: 'error', error: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** The categories for the header: none while the product service does not answer. */
export async function headerCategories(): Promise<Category[]> {
  const answer = await lookupCategories();
  return answer.state === 'found' ? answer.value : [];
}

/** One category by slug: missing when the service lists the categories without it. */
export async function lookupCategory(slug: string): Promise<Lookup<Category>> {
  const answer = await lookupCategories();
  if (answer.state !== 'found') return answer;
  const category = answer.value.find((candidate) => candidate.slug === slug);
  return category ? { state: 'found', value: category } : { state: 'missing' };
}

/**
 * The picture a product page shows first (the catalog's detail view: the first listed image, else `imageUrl`),
 * when it is on this origin: the page's largest paint, worth preloading. Other origins are not allowed by the CSP.
 */
export function heroImageUrl(product: ProductDetail): string | undefined {
  const ownOrigin = (url: string | undefined) => (url && /^\/[^/\\]/.test(url) ? url : undefined);
  const listed = (product.images ?? []).filter((image) => /^(https?:\/\/|\/[^/\\])/.test(image.url));
  return listed.length ? ownOrigin(listed[0]?.url) : ownOrigin(product.imageUrl);
}
