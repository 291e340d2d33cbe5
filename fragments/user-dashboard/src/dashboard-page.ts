import { CSRF_COOKIE, SESSION_COOKIE } from '@storefront/auth';
import { orderList } from '@storefront/contracts';
import { fetchJson, type RenderContext } from '@storefront/podlet-kit';
import { serializeSlice, type SessionState } from '@storefront/store';
import { lastOrders } from './orders.js';
import type { OrdersState, RenderDashboard } from './render-contract.js';

export interface DashboardPageDeps {
  orderServiceUrl: string;
  render: RenderDashboard;
  /** Budget for the order service: the fragment answers without the orders rather than late. */
  ordersTimeoutMs?: number;
}

/** A CSRF token goes back into a form field: only the url-safe shape the layout issues is echoed. */
const CSRF_SHAPE = /^[\w-]{32,200}$/;

async function ordersOf(context: RenderContext, deps: DashboardPageDeps): Promise<OrdersState> {
  const session = context.cookies[SESSION_COOKIE];
  try {
    const orders = await fetchJson(new URL('/orders', deps.orderServiceUrl).href, orderList, {
      // The order service reads the visitor's session itself: the session cookie travels, nothing else of theirs.
      headers: { ...context.upstreamHeaders, ...(session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}) },
      timeoutMs: deps.ordersTimeoutMs ?? 2000,
    });
    return { kind: 'listed', items: lastOrders(orders.items) };
  } catch (error) {
    // The profile and sign-out still work without the orders: the fragment renders, saying they are unavailable.
    context.logger.warn({ err: error }, 'orders could not be listed; rendering the dashboard without them');
    return { kind: 'unavailable' };
  }
}

export function dashboardContent(deps: DashboardPageDeps) {
  return async (context: RenderContext): Promise<string> => {
    const sessionUser = context.user;
    // The store's session slice holds the public part of the session; the session id stays on the server.
    const user: SessionState['user'] = sessionUser
      ? { id: sessionUser.id, email: sessionUser.email, name: sessionUser.name, role: sessionUser.role }
      : null;
    const orders: OrdersState = user ? await ordersOf(context, deps) : { kind: 'none' };
    const csrfCookie = context.cookies[CSRF_COOKIE] ?? '';
    const html = await deps.render({
      user,
      orders,
      csrfToken: CSRF_SHAPE.test(csrfCookie) ? csrfCookie : '',
      locale: context.podium.locale,
    });
    return html + serializeSlice('session', { user });
  };
}
