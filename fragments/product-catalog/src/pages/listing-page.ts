import { DEFAULT_PAGE_SIZE, slugSchema } from '@storefront/contracts';
import { z } from 'zod';
import { apiGet } from '../product-api.js';
import {
  productListResponse,
  productSortSchema,
  sectionListResponse,
  type ListingItem,
} from '../product-schemas.js';
import type { ListingFilters, ListingSection } from '../render-contract.js';
import {
  categoriesOf,
  pageSchema,
  pageSizeSchema,
  pick,
  searchSchema,
  summaries,
  type PageCall,
  type PageData,
} from './page-call.js';

/** Products per home-page shelf. */
const SECTION_SIZE = 8;

/** Prices in the page's query are in major units (`?minPrice=10` is €10.00); the API wants minor units. */
const majorPriceSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}(?:[.,]\d{1,2})?$/);
const toMinor = (major: string) => String(Math.round(Number(major.replace(',', '.')) * 100));

export type ListingMode = { mode: 'home' | 'search' } | { mode: 'category'; category: string };

type Statuses = Record<string, ListingItem['status']>;

/** The filters the page's query asks for, those it cannot read left out. */
function filtersOf(query: URLSearchParams, listing: ListingMode, pageSize: number): ListingFilters {
  const filters: ListingFilters = { sort: pick(productSortSchema, query.get('sort')) ?? 'name' };
  if (pageSize !== DEFAULT_PAGE_SIZE) filters.pageSize = pageSize;
  const category = listing.mode === 'category' ? listing.category : pick(slugSchema, query.get('category'));
  if (category) filters.category = category;
  const minPrice = pick(majorPriceSchema, query.get('minPrice'));
  const maxPrice = pick(majorPriceSchema, query.get('maxPrice'));
  if (minPrice) filters.minPrice = minPrice;
  if (maxPrice) filters.maxPrice = maxPrice;
  if (query.get('featured') === 'true') filters.featured = true;
  if (listing.mode === 'search') {
    const q = pick(searchSchema, query.get('q'));
    if (q) filters.q = q;
  }
  return filters;
}

function listingUrl(call: PageCall, filters: ListingFilters, page: number, pageSize: number): URL {
  const url = call.api('/products');
  url.searchParams.set('page', String(page));
  url.searchParams.set('pageSize', String(pageSize));
  url.searchParams.set('sort', filters.sort);
  if (filters.category) url.searchParams.set('category', filters.category);
  if (filters.minPrice) url.searchParams.set('minPrice', toMinor(filters.minPrice));
  if (filters.maxPrice) url.searchParams.set('maxPrice', toMinor(filters.maxPrice));
  if (filters.q) url.searchParams.set('q', filters.q);
  if (filters.featured) url.searchParams.set('featured', 'true');
  return url;
}

async function shelf(call: PageCall, query: Record<string, string>, limit: number): Promise<ListingItem[]> {
  const url = call.api('/products');
  url.searchParams.set('limit', String(limit));
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  try {
    const answer = await apiGet(url, sectionListResponse, call.headers);
    return answer.ok ? answer.data.items : [];
  } catch {
    // The shelves are extras: without them the page still has the full listing.
    return [];
  }
}

/**
 * The home page's shelves above its listing: Featured first, as editors chose them, then New, which skips what the
 * Featured shelf or the listing below shows, so that it adds products rather than repeating them.
 */
function shelvesOf(
  listed: ListingItem[],
  featured: ListingItem[],
  newest: ListingItem[],
  statuses: Statuses,
): ListingSection[] {
  const shown = new Set(listed.map((item) => item.id));
  const take = (items: ListingItem[], skipShown: boolean) => {
    const picked = items.filter((item) => !skipShown || !shown.has(item.id)).slice(0, SECTION_SIZE);
    for (const item of picked) {
      shown.add(item.id);
      if (item.status && item.status !== 'published') statuses[item.id] = item.status;
    }
    return summaries(picked);
  };
  const shelves = [
    {
      id: 'featured',
      heading: 'Featured',
      items: featured,
      skipShown: false,
      href: '/?featured=true',
      hrefHint: 'every featured product',
    },
    {
      id: 'new',
      heading: 'New',
      items: newest,
      skipShown: true,
      href: '/?sort=newest',
      hrefHint: 'newest first',
    },
  ] as const;
  // In this order: the New shelf skips what the Featured shelf took.
  return shelves.flatMap(({ items, skipShown, ...section }): ListingSection[] => {
    const products = take(items, skipShown);
    return products.length ? [{ ...section, products }] : [];
  });
}

function headingOf(listing: ListingMode, filters: ListingFilters, categoryName: string | undefined): string {
  if (listing.mode === 'search') return filters.q ? `Search results for “${filters.q}”` : 'Search products';
  if (listing.mode === 'category') return categoryName ?? listing.category;
  return filters.featured ? 'Featured products' : 'Products';
}

/** A listing: the home page (with its shelves when plain), a category, or a search. */
export async function listingPage(call: PageCall, listing: ListingMode): Promise<PageData> {
  const { query } = call;
  const page = pick(pageSchema, query.get('page')) ?? 1;
  const pageSize = pick(pageSizeSchema, query.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
  const filters = filtersOf(query, listing, pageSize);
  // A search page without a query asks for nothing: it shows the search form.
  const searching = listing.mode !== 'search' || filters.q !== undefined;
  // The plain home page (first page, default order, no other filter nor page size) has its shelves above the listing.
  const shelves =
    listing.mode === 'home' && page === 1 && Object.keys(filters).length === 1 && filters.sort === 'name';

  const [answer, categories, featured, newest] = await Promise.all([
    searching
      ? apiGet(listingUrl(call, filters, page, pageSize), productListResponse, call.headers)
      : Promise.resolve(undefined),
    categoriesOf(call),
    // The products editors marked as featured, all of the shelf's (a shop's window shows what was put there).
    shelves ? shelf(call, { featured: 'true', sort: 'name' }, SECTION_SIZE) : Promise.resolve([]),
    // The newest, enough to fill the shelf after the Featured shelf's and the listing's products are skipped.
    // (Asking for 100 made the home page cost three category pages to render: bench scenario 12.)
    shelves ? shelf(call, { sort: 'newest' }, 2 * SECTION_SIZE + pageSize) : Promise.resolve([]),
  ]);

  const statuses: Statuses = {};
  const items = answer?.ok ? answer.data.items : [];
  for (const item of items) if (item.status && item.status !== 'published') statuses[item.id] = item.status;
  const sections = shelves && answer?.ok ? shelvesOf(items, featured, newest, statuses) : [];
  const categoryName = categories.find((item) => item.slug === filters.category)?.name;

  return {
    view: {
      kind: 'listing',
      mode: listing.mode,
      heading: headingOf(listing, filters, categoryName),
      filters,
      categories,
      statuses,
      csrfToken: call.csrfToken,
      ...(sections.length ? { sections } : {}),
      ...(answer && !answer.ok ? { problem: answer.problem } : {}),
    },
    catalog: answer?.ok
      ? {
          products: summaries(answer.data.items),
          page: answer.data.page ?? page,
          pageSize: answer.data.pageSize ?? pageSize,
          total: answer.data.total,
        }
      : { products: [], page, pageSize, total: 0 },
  };
}
