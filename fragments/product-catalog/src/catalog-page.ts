import { DEFAULT_PAGE_SIZE, slugSchema, type ProductSummary } from '@storefront/contracts';
import { PREVIEW_COOKIE, SESSION_COOKIE } from '@storefront/auth';
import {
  fragmentRoot,
  type Hydration,
  PRIVATE_FRAGMENT_CACHE,
  PUBLIC_FRAGMENT_CACHE,
  type ContentResult,
  type RenderContext,
} from '@storefront/podlet-kit';
import { escapeJsonForHtml, serializeSlice, type CatalogState } from '@storefront/store';
import { z } from 'zod';
import { apiGet } from './product-api.js';
import {
  categoryList,
  managedListResponse,
  productListResponse,
  productSortSchema,
  productStatusSchema,
  productView,
  sectionListResponse,
  type Category,
  type ListingItem,
} from './product-schemas.js';
import type { CatalogView, ListingFilters, ListingSection, RenderCatalog } from './render-contract.js';

const pageSchema = z.coerce.number().int().min(1).max(10_000);
const pageSizeSchema = z.coerce.number().int().min(1).max(100);
/** Prices in the page's query are in major units (`?minPrice=10` is €10.00); the API wants minor units. */
const majorPriceSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}(?:[.,]\d{1,2})?$/);
const searchSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f]*$/);
const uuidSchema = z.uuid();

function pick<T>(schema: z.ZodType<T>, value: string | null): T | undefined {
  if (value === null) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const toMinor = (major: string) => String(Math.round(Number(major.replace(',', '.')) * 100));

export interface CatalogPageDeps {
  productServiceUrl: string;
  render: RenderCatalog;
}

type Route =
  | { kind: 'listing'; mode: 'home' | 'search' }
  | { kind: 'listing'; mode: 'category'; category: string }
  | { kind: 'detail'; slug: string }
  | { kind: 'editor-list' }
  | { kind: 'editor-new' }
  | { kind: 'editor-edit'; id: string }
  | { kind: 'none' };

export function routeOf(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponentSafe);
  if (parts.length === 0) return { kind: 'listing', mode: 'home' };
  const [first, second, third] = parts;
  if (first === 'c' && parts.length === 2) {
    return slugSchema.safeParse(second).success
      ? { kind: 'listing', mode: 'category', category: second! }
      : { kind: 'none' };
  }
  if (first === 'search' && parts.length === 1) return { kind: 'listing', mode: 'search' };
  if (first === 'products' && parts.length === 2) {
    return slugSchema.safeParse(second).success ? { kind: 'detail', slug: second! } : { kind: 'none' };
  }
  if (first === 'editor') {
    if (parts.length === 1) return { kind: 'editor-list' };
    if (second === 'products' && parts.length === 3) {
      return third === 'new' ? { kind: 'editor-new' } : { kind: 'editor-edit', id: third! };
    }
  }
  return { kind: 'none' };
}

function decodeURIComponentSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Products per home-page shelf. */
export const SECTION_SIZE = 8;

const emptyCatalog = (): CatalogState => ({ products: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });

/** The listing items as the shared store's catalog slice has them (the contract's summary fields only). */
function summaries(items: ListingItem[]): ProductSummary[] {
  return items.map(({ id, slug, name, description, priceMinor, currency, category, imageUrl, stock }) => ({
    id,
    slug,
    name,
    description,
    priceMinor,
    currency,
    category,
    imageUrl,
    stock,
  }));
}

export function catalogContent({ productServiceUrl, render }: CatalogPageDeps) {
  const api = (path: string) => new URL(path, productServiceUrl);

  return async (context: RenderContext): Promise<ContentResult> => {
    const { cookies, query } = context;
    const route = routeOf(context.path);
    // The shop's pages are the same for every visitor (drafts show only in an editor's preview), so their answers
    // are public even for signed-in visitors; the editor's views and a preview are theirs alone.
    const editing =
      route.kind === 'editor-list' || route.kind === 'editor-new' || route.kind === 'editor-edit';
    const personal = editing || Boolean(cookies[PREVIEW_COOKIE]);
    const cacheControl = personal ? PRIVATE_FRAGMENT_CACHE : PUBLIC_FRAGMENT_CACHE;

    // The session travels only where it is read: a public answer must not depend on it.
    const forwarded = (editing ? [SESSION_COOKIE, PREVIEW_COOKIE] : [PREVIEW_COOKIE])
      .filter((name) => cookies[name])
      .map((name) => `${name}=${encodeURIComponent(cookies[name]!)}`)
      .join('; ');
    const headers: Record<string, string> = {
      ...context.upstreamHeaders,
      ...(forwarded ? { cookie: forwarded } : {}),
    };
    const { csrfToken } = context;

    const categories = async (): Promise<Category[]> => {
      try {
        const answer = await apiGet(api('/products/categories'), categoryList, headers);
        return answer.ok ? answer.data.items : [];
      } catch {
        // The filters can do without the category names; the products themselves cannot.
        return [];
      }
    };

    let catalog = emptyCatalog();
    let view: CatalogView;

    const editorAllowed = () => {
      if (context.user) return context.user.role === 'editor' || context.user.role === 'admin';
      // Without a verified session the service decides (it answers 401/403 to anyone else).
      return Boolean(cookies[SESSION_COOKIE]);
    };
    const notAllowed = (): CatalogView => ({ kind: 'not-allowed', signedIn: Boolean(context.user) });

    switch (route.kind) {
      case 'listing': {
        const page = pick(pageSchema, query.get('page')) ?? 1;
        const pageSize = pick(pageSizeSchema, query.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
        const category = route.mode === 'category' ? route.category : pick(slugSchema, query.get('category'));
        const filters: ListingFilters = { sort: pick(productSortSchema, query.get('sort')) ?? 'name' };
        if (pageSize !== DEFAULT_PAGE_SIZE) filters.pageSize = pageSize;
        if (category) filters.category = category;
        const minPrice = pick(majorPriceSchema, query.get('minPrice'));
        const maxPrice = pick(majorPriceSchema, query.get('maxPrice'));
        if (minPrice) filters.minPrice = minPrice;
        if (maxPrice) filters.maxPrice = maxPrice;
        if (query.get('featured') === 'true') filters.featured = true;
        if (route.mode === 'search') {
          const q = pick(searchSchema, query.get('q'));
          if (q) filters.q = q;
        }

        const url = api('/products');
        url.searchParams.set('page', String(page));
        url.searchParams.set('pageSize', String(pageSize));
        url.searchParams.set('sort', filters.sort);
        if (filters.category) url.searchParams.set('category', filters.category);
        if (filters.minPrice) url.searchParams.set('minPrice', toMinor(filters.minPrice));
        if (filters.maxPrice) url.searchParams.set('maxPrice', toMinor(filters.maxPrice));
        if (filters.q) url.searchParams.set('q', filters.q);
        if (filters.featured) url.searchParams.set('featured', 'true');

        const searching = route.mode !== 'search' || filters.q !== undefined;
        // The plain home page (first page, no filter, default order) has its shelves above the listing.
        const shelves =
          route.mode === 'home' &&
          page === 1 &&
          Object.keys(filters).length === 1 &&
          filters.sort === 'name' &&
          !filters.pageSize;
        const shelf = async (query: Record<string, string>, limit: number) => {
          const shelfUrl = api('/products');
          shelfUrl.searchParams.set('limit', String(limit));
          for (const [name, value] of Object.entries(query)) shelfUrl.searchParams.set(name, value);
          try {
            const shelfAnswer = await apiGet(shelfUrl, sectionListResponse, headers);
            return shelfAnswer.ok ? shelfAnswer.data.items : [];
          } catch {
            // The shelves are extras: without them the page still has the full listing.
            return [];
          }
        };
        const [answer, categoryItems, featuredItems, newest] = await Promise.all([
          searching ? apiGet(url, productListResponse, headers) : Promise.resolve(undefined),
          categories(),
          // The products editors marked as featured, all of the shelf's (a shop's window shows what was put there).
          shelves ? shelf({ featured: 'true', sort: 'name' }, SECTION_SIZE) : Promise.resolve([]),
          // The newest, enough to fill the shelf after the Featured shelf's and the listing's products are skipped.
          // (Asking for 100 made the home page cost three category pages to render: bench scenario 12.)
          shelves ? shelf({ sort: 'newest' }, 2 * SECTION_SIZE + pageSize) : Promise.resolve([]),
        ]);
        const categoryName = categoryItems.find((item) => item.slug === filters.category)?.name;
        const heading =
          route.mode === 'search'
            ? filters.q
              ? `Search results for “${filters.q}”`
              : 'Search products'
            : route.mode === 'category'
              ? (categoryName ?? route.category)
              : filters.featured
                ? 'Featured products'
                : 'Products';
        const statuses: Record<string, ListingItem['status']> = {};
        if (answer?.ok) {
          const items = answer.data.items;
          for (const item of items)
            if (item.status && item.status !== 'published') statuses[item.id] = item.status;
          catalog = {
            products: summaries(items),
            page: answer.data.page ?? page,
            pageSize: answer.data.pageSize ?? pageSize,
            total: answer.data.total,
          };
        } else {
          catalog = { ...emptyCatalog(), page, pageSize };
        }
        const sections: ListingSection[] = [];
        if (shelves && answer?.ok) {
          // Featured first, as editors chose them. The New shelf then skips what the Featured shelf or the listing below
          // shows, so it adds products rather than repeating them.
          const shown = new Set(answer.data.items.map((item) => item.id));
          const take = (items: typeof newest, skipShown: boolean) => {
            const picked = items.filter((item) => !skipShown || !shown.has(item.id)).slice(0, SECTION_SIZE);
            for (const item of picked) {
              shown.add(item.id);
              if (item.status && item.status !== 'published') statuses[item.id] = item.status;
            }
            return summaries(picked);
          };
          const featured = take(featuredItems, false);
          if (featured.length)
            sections.push({
              id: 'featured',
              heading: 'Featured',
              products: featured,
              href: '/?featured=true',
              hrefHint: 'every featured product',
            });
          const newProducts = take(newest, true);
          if (newProducts.length)
            sections.push({
              id: 'new',
              heading: 'New',
              products: newProducts,
              href: '/?sort=newest',
              hrefHint: 'newest first',
            });
        }
        view = {
          kind: 'listing',
          mode: route.mode,
          heading,
          filters,
          categories: categoryItems,
          statuses,
          csrfToken,
          ...(sections.length ? { sections } : {}),
          ...(answer && !answer.ok ? { problem: answer.problem } : {}),
        };
        break;
      }
      case 'detail': {
        const answer = await apiGet(api(`/products/${route.slug}`), productView, headers);
        view = { kind: 'detail', product: answer.ok ? answer.data : null, csrfToken };
        if (answer.ok) catalog = { products: summaries([answer.data]), page: 1, pageSize: 1, total: 1 };
        break;
      }
      case 'editor-list': {
        if (!editorAllowed()) {
          view = notAllowed();
          break;
        }
        const page = pick(pageSchema, query.get('page')) ?? 1;
        const pageSize = pick(pageSizeSchema, query.get('pageSize')) ?? 50;
        const status = pick(productStatusSchema, query.get('status'));
        const q = pick(searchSchema, query.get('q'));
        const url = api('/products/manage');
        url.searchParams.set('page', String(page));
        url.searchParams.set('pageSize', String(pageSize));
        url.searchParams.set('sort', 'newest');
        if (status) url.searchParams.set('status', status);
        if (q) url.searchParams.set('q', q);
        const answer = await apiGet(url, managedListResponse, headers);
        if (!answer.ok && (answer.status === 401 || answer.status === 403)) {
          view = notAllowed();
          break;
        }
        view = {
          kind: 'editor-list',
          products: answer.ok ? answer.data.items : [],
          page,
          pageSize,
          total: answer.ok ? answer.data.total : 0,
          csrfToken,
          ...(status ? { status } : {}),
          ...(q ? { q } : {}),
          ...(answer.ok ? {} : { problem: answer.problem }),
        };
        break;
      }
      case 'editor-new':
      case 'editor-edit': {
        if (!editorAllowed()) {
          view = notAllowed();
          break;
        }
        if (route.kind === 'editor-new') {
          // The service has the last word on who may edit: ask it before showing an empty form.
          const probe = api('/products/manage');
          probe.searchParams.set('pageSize', '1');
          const [answer, categoryItems] = await Promise.all([
            apiGet(probe, managedListResponse, headers),
            categories(),
          ]);
          view =
            !answer.ok && (answer.status === 401 || answer.status === 403)
              ? notAllowed()
              : { kind: 'editor-form', product: null, categories: categoryItems, csrfToken };
          break;
        }
        if (!uuidSchema.safeParse(route.id).success) {
          view = { kind: 'editor-form', product: null, categories: [], csrfToken, missing: true };
          break;
        }
        const [answer, categoryItems] = await Promise.all([
          apiGet(api(`/products/manage/${route.id}`), productView, headers),
          categories(),
        ]);
        if (!answer.ok && (answer.status === 401 || answer.status === 403)) {
          view = notAllowed();
          break;
        }
        view = answer.ok
          ? { kind: 'editor-form', product: answer.data, categories: categoryItems, csrfToken }
          : { kind: 'editor-form', product: null, categories: categoryItems, csrfToken, missing: true };
        break;
      }
      default:
        view = { kind: 'none' };
    }

    const { locale } = context.podium;
    const pagePath = context.podium.mountPathname ?? context.path;
    const inner = await render({ catalog, view, locale, pagePath });
    const html =
      fragmentRoot('product-catalog', inner, {
        locale,
        'page-path': pagePath,
        // The editor's forms need their code at once; a shopper's page waits for a touch (client.config.json).
        ...(view.kind.startsWith('editor') ? { hydrate: 'load' satisfies Hydration } : {}),
      }) +
      `<script type="application/json" data-catalog-view>${escapeJsonForHtml(view)}</script>` +
      serializeSlice('catalog', catalog);
    return { html, cacheControl };
  };
}
