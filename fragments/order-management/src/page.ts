import { randomUUID } from 'node:crypto';
import { CART_COOKIE, CART_ID_COOKIE, SESSION_COOKIE } from '@storefront/auth';
import {
  fragmentRoot,
  PRIVATE_FRAGMENT_CACHE,
  PUBLIC_FRAGMENT_CACHE,
  type ContentResult,
  type RenderContext,
} from '@storefront/podlet-kit';
import { decodeCartCookie, escapeJsonForHtml, serializeSlice, type CartItem } from '@storefront/store';
import type { HydrationState, PageView, RenderPage } from './render-contract.js';
import { routeOf, type Route } from './routes.js';
import {
  getForVisitor,
  getServerCart,
  toOrderSummary,
  toProfileAddresses,
  type VisitorCall,
} from './upstream.js';

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

function visitorCall(context: RenderContext, deps: PageDeps): VisitorCall {
  return {
    session: context.cookies[SESSION_COOKIE],
    headers: context.upstreamHeaders,
    timeoutMs: deps.upstreamTimeoutMs ?? 2000,
    onFailure: (error, url) =>
      context.logger.warn({ err: error, url }, 'a service could not answer; rendering without its data'),
  };
}

/** Pages where the cart is what the visitor acts on: they show the server's cart, not its mirror. */
const readsServerCart = (route: Route) => route.page === 'cart' || route.page === 'checkout';

/**
 * The cart to render. The cart and checkout pages ask the order service (the truth, and where a just signed-in
 * customer's visitor cart is merged); the mini cart on every other page reads the `sf_cart` mirror the order
 * service wrote with its last answer, which costs no call. Without either cookie there is no cart to ask for.
 */
async function loadCart(route: Route, context: RenderContext, deps: PageDeps): Promise<CartItem[]> {
  // The mirror is untrusted input: decodeCartCookie drops anything malformed instead of throwing.
  const mirror = decodeCartCookie(context.cookies[CART_COOKIE]);
  const session = context.cookies[SESSION_COOKIE];
  const cartId = context.cookies[CART_ID_COOKIE];
  if (!readsServerCart(route) || (!session && !cartId)) return mirror;
  const server = await getServerCart(
    new URL('/orders/cart', deps.orderServiceUrl).href,
    { [SESSION_COOKIE]: session, [CART_ID_COOKIE]: cartId },
    visitorCall(context, deps),
  );
  return server ?? mirror;
}

async function loadView(route: Route, context: RenderContext, deps: PageDeps): Promise<PageView> {
  const call = visitorCall(context, deps);
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
        // A new key per render of the review: a reload or a second tab is a new attempt; a double submit is not.
        idempotencyKey: randomUUID(),
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
    const route = routeOf(context.path);
    const { locale } = context.podium;
    const [items, view] = await Promise.all([loadCart(route, context, deps), loadView(route, context, deps)]);
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
    // Without a session or a cart cookie the answer is everyone's (an empty cart, a sign-in prompt); with any
    // it holds the visitor's cart, orders or addresses, which no cache may keep.
    const personal = [SESSION_COOKIE, CART_COOKIE, CART_ID_COOKIE].some((name) => context.cookies[name]);
    return { html: page, cacheControl: personal ? PRIVATE_FRAGMENT_CACHE : PUBLIC_FRAGMENT_CACHE };
  };
}
