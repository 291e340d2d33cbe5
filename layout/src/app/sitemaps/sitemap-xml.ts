import { SITEMAP_MAX_OFFSET } from '@storefront/contracts';
import { productServiceUrl } from '../../lib/products';
import { siteOrigin } from '../../lib/seo';

/** URLs per sitemap file: the sitemaps protocol's limit. */
export const SITEMAP_URLS_PER_FILE = 50_000;

/** The product service's `GET /products/sitemap.json` answer (its `sitemapEntries` contract). */
interface SitemapEntries {
  total: number;
  items: { slug: string; updatedAt: string }[];
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function readEntries(body: unknown): SitemapEntries {
  const { total, items } = (body ?? {}) as { total?: unknown; items?: unknown };
  if (typeof total !== 'number' || !Array.isArray(items)) throw new Error('unexpected sitemap answer');
  return {
    total,
    items: items.filter(
      (item): item is { slug: string; updatedAt: string } =>
        typeof item?.slug === 'string' && SLUG.test(item.slug) && typeof item.updatedAt === 'string',
    ),
  };
}

/** Products asked of the product service per request: the most any one step of the walk holds. */
export const SITEMAP_BATCH = 1_000;

/**
 * A sitemap file walks up to 50,000 products: nginx keeps a good one for ten seconds, so a crawler's burst costs
 * one walk, and a product an editor has just published is listed seconds later.
 */
const SITEMAP_TTL_SECONDS = 10;

/** Slugs are [a-z0-9-] and dates ISO strings, but the origin comes from configuration: escape what XML needs. */
export function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function urlEntry(path: string, extra = ''): string {
  return `<url><loc>${xmlText(`${siteOrigin()}${path}`)}</loc>${extra}</url>\n`;
}

export function xmlResponse(body: string | ReadableStream<Uint8Array>, status = 200): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'x-accel-expires': String(status === 200 ? SITEMAP_TTL_SECONDS : 0),
    },
  });
}

export const URLSET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
export const URLSET_CLOSE = '</urlset>\n';

/** One batch of published products by slug, from an offset or after a slug. */
export async function fetchSitemapEntries(position: {
  offset?: number;
  after?: string;
}): Promise<SitemapEntries> {
  const query = new URLSearchParams({ limit: String(SITEMAP_BATCH) });
  if (position.offset) query.set('offset', String(position.offset));
  if (position.after) query.set('after', position.after);
  const response = await fetch(`${productServiceUrl()}/products/sitemap.json?${query}`, {
    headers: { accept: 'application/json' },
    cache: 'no-store',
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`product service answered ${response.status}`);
  return readEntries(await response.json());
}

/** How many product files the index lists: at least one, so the index never changes shape when empty. */
export function productFileCount(total: number): number {
  return Math.max(1, Math.ceil(total / SITEMAP_URLS_PER_FILE));
}

/**
 * Product file `index` (from 1) as a stream: its first batch is fetched before answering (so a product service that
 * is down gives a 503, not half a file), the rest batch by batch as the crawler reads, never more than a batch in
 * memory.
 */
export async function productFile(index: number): Promise<Response> {
  const offset = (index - 1) * SITEMAP_URLS_PER_FILE;
  // Past the furthest start the product service takes, no catalog has this file (and asking would be refused).
  if (offset > SITEMAP_MAX_OFFSET) return xmlResponse('', 404);
  const first = await fetchSitemapEntries({ offset });
  if (index > productFileCount(first.total)) return xmlResponse('', 404);
  const encoder = new TextEncoder();
  let batch = first;
  let written = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(URLSET_OPEN));
    },
    async pull(controller) {
      const items = batch.items.slice(0, SITEMAP_URLS_PER_FILE - written);
      written += items.length;
      controller.enqueue(
        encoder.encode(
          items
            .map((item) =>
              urlEntry(
                `/products/${item.slug}`,
                `<lastmod>${xmlText(item.updatedAt)}</lastmod><changefreq>weekly</changefreq>`,
              ),
            )
            .join(''),
        ),
      );
      const last = items.at(-1);
      if (!last || items.length < SITEMAP_BATCH || written >= SITEMAP_URLS_PER_FILE) {
        controller.enqueue(encoder.encode(URLSET_CLOSE));
        controller.close();
        return;
      }
      try {
        batch = await fetchSitemapEntries({ after: last.slug });
      } catch (error) {
        // Headers are gone already: ending the body early makes the file invalid XML, which crawlers retry.
        controller.error(error);
      }
    },
  });
  return xmlResponse(stream);
}
