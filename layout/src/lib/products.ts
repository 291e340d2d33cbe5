// What the layout asks the product service itself: whether a product page exists (for its 404 status) and the
// product slugs for sitemap.xml. Failures never break a page: an unknown answer renders the page as usual.
import { parseCookieHeader } from './request-state';

const LOOKUP_TIMEOUT_MS = 300;
const EXISTS_TTL_MS = 30_000;
const MAX_REMEMBERED = 1000;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function productServiceUrl(): string {
  return (process.env.PRODUCT_SERVICE_URL ?? 'http://127.0.0.1:7202').replace(/\/+$/, '');
}

/** The slug of a product page path (`/products/<slug>`), if it is one. */
export function productSlug(pathname: string): string | undefined {
  const match = /^\/products\/([^/]+)$/.exec(pathname);
  const slug = match?.[1];
  return slug && slug.length <= 120 && slugPattern.test(slug) ? slug : undefined;
}

const remembered = new Map<string, { missing: boolean; at: number }>();

/**
 * `true` only when the product service says 404 for this visitor. Answers for anonymous visitors are remembered
 * briefly; an editor's or a preview's (who may see drafts) are always asked anew.
 */
export async function productIsMissing(
  slug: string,
  visitor: { cookie: string | null; previewToken: string | null; requestId?: string },
): Promise<boolean> {
  const cookies = parseCookieHeader(visitor.cookie);
  const personal = cookies.has('sf_session') || cookies.has('sf_preview') || visitor.previewToken !== null;
  const known = remembered.get(slug);
  if (!personal && known && Date.now() - known.at < EXISTS_TTL_MS) return known.missing;

  const headers: Record<string, string> = { accept: 'application/json' };
  if (visitor.cookie) headers.cookie = visitor.cookie;
  if (visitor.previewToken) headers['x-preview-token'] = visitor.previewToken;
  if (visitor.requestId) headers['x-request-id'] = visitor.requestId;
  try {
    const response = await fetch(`${productServiceUrl()}/products/${slug}`, {
      headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status !== 404 && !response.ok) return false;
    const missing = response.status === 404;
    if (!personal) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(slug, { missing, at: Date.now() });
    }
    return missing;
  } catch {
    return false;
  }
}

/** Published product slugs, page by page (bounded), for sitemap.xml. */
export async function productSlugs(maxPages = 20): Promise<string[]> {
  const slugs: string[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const response = await fetch(`${productServiceUrl()}/products?page=${page}&pageSize=100`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) throw new Error(`product service answered ${response.status}`);
    const body = (await response.json()) as { items?: { slug?: unknown }[]; total?: unknown };
    const items = Array.isArray(body.items) ? body.items : [];
    for (const item of items)
      if (typeof item.slug === 'string' && slugPattern.test(item.slug)) slugs.push(item.slug);
    if (items.length < 100 || (typeof body.total === 'number' && page * 100 >= body.total)) break;
  }
  return slugs;
}
