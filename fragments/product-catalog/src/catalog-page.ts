import { listProductsQuery, productPage } from '@storefront/contracts';
import { fetchJson, fragmentRoot, type RenderContext } from '@storefront/podlet-kit';
import { serializeSlice, type CatalogState } from '@storefront/store';
import type { RenderCatalog } from './render-contract.js';

function listingQuery(query: URLSearchParams) {
  const parsed = listProductsQuery.safeParse(Object.fromEntries(query));
  // A hand-edited ?page=abc shows the first page rather than an error in the middle of the page.
  return parsed.success ? parsed.data : listProductsQuery.parse({});
}

export interface CatalogPageDeps {
  productServiceUrl: string;
  render: RenderCatalog;
}

export function catalogContent({ productServiceUrl, render }: CatalogPageDeps) {
  return async (context: RenderContext): Promise<string> => {
    const query = listingQuery(context.query);
    const url = new URL('/products', productServiceUrl);
    url.searchParams.set('page', String(query.page));
    url.searchParams.set('pageSize', String(query.pageSize));
    if (query.category) url.searchParams.set('category', query.category);

    const page = await fetchJson(url.href, productPage, { headers: context.upstreamHeaders });
    const catalog: CatalogState = {
      products: page.items,
      page: page.page,
      pageSize: page.pageSize,
      total: page.total,
    };
    const { locale } = context.podium;
    const pagePath = context.podium.mountPathname ?? '/';
    const inner = await render({ catalog, locale, pagePath });
    return (
      fragmentRoot('product-catalog', inner, { locale, 'page-path': pagePath }) +
      serializeSlice('catalog', catalog)
    );
  };
}
