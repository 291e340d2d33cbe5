// What a page is for this request: its route (slots), its status (200, 404, 500) and the data its <head> needs.
// The proxy sets the status from it; the page renders from it (the lookups are shared, so asked once).
import { routePage, type PageRoute } from './pages';
import {
  lookupCategory,
  lookupProduct,
  type Category,
  type ProductDetail,
  type ProductVisitor,
} from './products';

export type PageStatus = 200 | 404 | 500;

export interface PageState {
  route: PageRoute;
  status: PageStatus;
  product?: ProductDetail;
  category?: Category;
}

export async function resolvePage(
  pathname: string,
  search: string,
  visitor: ProductVisitor,
): Promise<PageState> {
  const route = routePage(pathname, search);
  if (route.kind === 'not-found') return { route, status: 404 };
  if (route.kind === 'product' && route.slug) {
    const product = await lookupProduct(route.slug, visitor);
    if (product.state === 'missing') return { route, status: 404 };
    if (product.state === 'error') {
      logWarn('product page without its product', product.error);
      return { route, status: 500 };
    }
    const category = await lookupCategory(product.value.category);
    return {
      route,
      status: 200,
      product: product.value,
      ...(category.state === 'found' ? { category: category.value } : {}),
    };
  }
  if (route.kind === 'category' && route.category) {
    const category = await lookupCategory(route.category);
    if (category.state === 'missing') return { route, status: 404 };
    if (category.state === 'error') {
      logWarn('category page without its category', category.error);
      return { route, status: 500 };
    }
    return { route, status: 200, category: category.value };
  }
  return { route, status: 200 };
}

/** The header the proxy hands the page its decision in (any value from the client is replaced). */
export const PAGE_STATUS_HEADER = 'x-storefront-page-status';

export function statusFromHeader(value: string | null): PageStatus | undefined {
  return value === '200' || value === '404' || value === '500' ? (Number(value) as PageStatus) : undefined;
}

function logWarn(msg: string, err: string) {
  console.warn(JSON.stringify({ level: 'warn', msg, err }));
}
