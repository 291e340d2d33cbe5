import { CART_COOKIE, SESSION_COOKIE } from '@storefront/auth';
import {
  fragmentRoot,
  PRIVATE_FRAGMENT_CACHE,
  PUBLIC_FRAGMENT_CACHE,
  type ContentResult,
  type RenderContext,
} from '@storefront/podlet-kit';
import { decodeCartCookie, escapeJsonForHtml, serializeSlice } from '@storefront/store';
import type { HydrationState, PageView, RenderPage } from './render-contract.js';
import { routeOf, type Route } from './routes.js';
import { getForVisitor, toOrderSummary, toProfileAddresses, type VisitorCall } from './upstream.js';

export interface PageDeps {
  render: RenderPage;
  orderServiceUrl: string;
  userServiceUrl: string;
  /** Budget for each service call: the fragment answers "unavailable" rather than late. */
  upstreamTimeoutMs?: number;
}

/** The query of /checkout, as plain single values (a repeated name keeps its first value). */
function queryRecord(query: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of query) {
    if (!(key in record) && Object.keys(record).length < 20) record[key] = value.slice(0, 200);
  }
  return record;
}

async function loadView(route: Route, context: RenderContext, deps: PageDeps): Promise<PageView> {
  const call: VisitorCall = {
    session: context.cookies[SESSION_COOKIE],
    headers: context.upstreamHeaders,
    timeoutMs: deps.upstreamTimeoutMs ?? 2000,
    onFailure: (error, url) =>
      context.logger.warn({ err: error, url }, 'a service could not answer; rendering without its data'),
  };
  switch (route.page) {
    case 'checkout':
      return {
        page: 'checkout',
        profile: await getForVisitor(
          new URL('/users/me', deps.userServiceUrl).href,
          call,
          toProfileAddresses,
        ),
        choice: queryRecord(context.query),
      };
    case 'orders':
      return {
        page: 'orders',
        orders: await getForVisitor(new URL('/orders', deps.orderServiceUrl).href, call, (body) => {
          const items = (body as { items?: unknown } | null)?.items;
          if (!Array.isArray(items)) return null;
          const orders = items.map(toOrderSummary);
          if (orders.some((order) => order === null)) return null;
          return (orders as NonNullable<(typeof orders)[number]>[]).sort(
            (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
          );
        }),
      };
    case 'order':
      if (!route.id)
        return { page: 'order', order: call.session ? { kind: 'not-found' } : { kind: 'signed-out' } };
      return {
        page: 'order',
        order: await getForVisitor(
          new URL(`/orders/${route.id}`, deps.orderServiceUrl).href,
          call,
          toOrderSummary,
        ),
      };
    default:
      return { page: route.page };
  }
}

/** Pages whose server-loaded data the client needs to hydrate; the cart pages only need the cart slice. */
const carriesState = (view: PageView) =>
  view.page === 'checkout' || view.page === 'orders' || view.page === 'order';

export function pageContent(deps: PageDeps) {
  return async (context: RenderContext): Promise<ContentResult> => {
    // The cookie is written by scripts: decodeCartCookie drops anything malformed instead of throwing.
    const items = decodeCartCookie(context.cookies[CART_COOKIE]);
    const { locale } = context.podium;
    const view = await loadView(routeOf(context.path), context, deps);
    const { csrfToken } = context;
    const { html, hydrationScript } = deps.render({
      items,
      locale,
      view,
      csrfToken,
      ...(context.cspNonce ? { cspNonce: context.cspNonce } : {}),
    });
    const state: HydrationState = { view, csrfToken };
    const page =
      hydrationScript +
      fragmentRoot('order-management', html, { locale, page: view.page }) +
      serializeSlice('cart', { items }) +
      (carriesState(view)
        ? `<script type="application/json" data-order-management-state>${escapeJsonForHtml(state)}</script>`
        : '');
    // Without a session or a cart cookie the answer is everyone's (an empty cart, a sign-in prompt); with either
    // it holds the visitor's cart, orders or addresses, which no cache may keep.
    const personal = Boolean(context.cookies[SESSION_COOKIE] || context.cookies[CART_COOKIE]);
    return { html: page, cacheControl: personal ? PRIVATE_FRAGMENT_CACHE : PUBLIC_FRAGMENT_CACHE };
  };
}
