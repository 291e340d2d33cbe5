import { readFormFailure, SESSION_COOKIE } from '@storefront/auth';
import { notificationList, orderList, profileView } from '@storefront/contracts';
import {
  fetchJson,
  PRIVATE_FRAGMENT_CACHE,
  PUBLIC_FRAGMENT_CACHE,
  type ContentResult,
  type RenderContext,
} from '@storefront/podlet-kit';
import { serializeSlice, type SessionState } from '@storefront/store';
import {
  NOTIFICATION_LOG_LIMIT,
  notificationSummaries,
  RECENT_NOTIFICATIONS_LIMIT,
} from './notifications.js';
import { lastOrders } from './orders.js';
import type {
  DashboardView,
  NotificationsState,
  OrdersState,
  ProfileState,
  RenderDashboard,
} from './render-contract.js';
import { ACCOUNT_VIEWS, safePagePath, viewOf } from './views.js';

export interface DashboardPageDeps {
  orderServiceUrl: string;
  userServiceUrl: string;
  notificationServiceUrl: string;
  render: RenderDashboard;
  /** Budget for the order service: the fragment answers without the orders rather than late. */
  ordersTimeoutMs?: number;
  /** Budget for the user and notification services, likewise. */
  upstreamTimeoutMs?: number;
}

/** What each view asks the services for, once the visitor is signed in. */
const NEEDS: Record<DashboardView, { orders?: true; profile?: true; notifications?: number }> = {
  home: { orders: true },
  account: { profile: true, notifications: RECENT_NOTIFICATIONS_LIMIT },
  profile: { profile: true },
  notifications: { notifications: NOTIFICATION_LOG_LIMIT },
  signin: {},
  signup: {},
  forgot: {},
  reset: {},
  other: {},
};

/** The services read the visitor's session themselves: the session cookie travels, nothing else of theirs. */
function upstreamHeaders(context: RenderContext): Record<string, string> {
  const session = context.cookies[SESSION_COOKIE];
  return { ...context.upstreamHeaders, ...(session ? { cookie: `${SESSION_COOKIE}=${session}` } : {}) };
}

async function ordersOf(context: RenderContext, deps: DashboardPageDeps): Promise<OrdersState> {
  try {
    const orders = await fetchJson(new URL('/orders', deps.orderServiceUrl).href, orderList, {
      headers: upstreamHeaders(context),
      timeoutMs: deps.ordersTimeoutMs ?? 2000,
    });
    return { kind: 'listed', items: lastOrders(orders.items) };
  } catch (error) {
    // The profile and sign-out still work without the orders: the fragment renders, saying they are unavailable.
    context.logger.warn({ err: error }, 'orders could not be listed; rendering the dashboard without them');
    return { kind: 'unavailable' };
  }
}

async function profileOf(context: RenderContext, deps: DashboardPageDeps): Promise<ProfileState> {
  try {
    const me = await fetchJson(new URL('/users/me', deps.userServiceUrl).href, profileView, {
      headers: upstreamHeaders(context),
      timeoutMs: deps.upstreamTimeoutMs ?? 2000,
    });
    const { name, email, phone, addresses, preferences } = me;
    return { kind: 'loaded', profile: { name, email, phone, addresses, preferences } };
  } catch (error) {
    context.logger.warn({ err: error }, 'the profile could not be read; rendering the dashboard without it');
    return { kind: 'unavailable' };
  }
}

async function notificationsOf(
  context: RenderContext,
  deps: DashboardPageDeps,
  limit: number,
): Promise<NotificationsState> {
  try {
    const log = await fetchJson(
      new URL('/notifications', deps.notificationServiceUrl).href,
      notificationList,
      {
        headers: upstreamHeaders(context),
        timeoutMs: deps.upstreamTimeoutMs ?? 2000,
      },
    );
    return { kind: 'listed', items: notificationSummaries(log.items, limit) };
  } catch (error) {
    context.logger.warn(
      { err: error },
      'notifications could not be listed; rendering the dashboard without them',
    );
    return { kind: 'unavailable' };
  }
}

/** `?edit=<index>` of the profile page: an address number (0–9), or none. */
function addressToEdit(value: string | null): number | null {
  return value !== null && /^\d$/.test(value) ? Number(value) : null;
}

export function dashboardContent(deps: DashboardPageDeps) {
  return async (context: RenderContext): Promise<ContentResult> => {
    const sessionUser = context.user;
    // The store's session slice holds the public part of the session; the session id stays on the server.
    const user: SessionState['user'] = sessionUser
      ? { id: sessionUser.id, email: sessionUser.email, name: sessionUser.name, role: sessionUser.role }
      : null;
    const view = viewOf(context.path, context.podium.mountPathname);
    const needs = user ? NEEDS[view] : {};
    const [orders, profile, notifications] = await Promise.all([
      needs.orders ? ordersOf(context, deps) : ({ kind: 'none' } as const),
      needs.profile ? profileOf(context, deps) : ({ kind: 'none' } as const),
      needs.notifications ? notificationsOf(context, deps, needs.notifications) : ({ kind: 'none' } as const),
    ]);
    const pagePath = safePagePath(
      context.podium.mountPathname ?? (ACCOUNT_VIEWS.includes(view) ? context.path : undefined),
    );
    const html = await deps.render({
      view,
      pagePath,
      user,
      orders,
      profile,
      notifications,
      csrfToken: context.csrfToken,
      formFailure: readFormFailure(context.query),
      editAddress: view === 'profile' ? addressToEdit(context.query.get('edit')) : null,
      resetLinkSent: view === 'forgot' && context.query.get('sent') === '1',
      locale: context.podium.locale,
    });
    // A visitor without a session gets what every such visitor gets (sign-in and sign-up forms, whose token nginx
    // stamps per response); with one, the account is theirs alone.
    const personal = Boolean(context.cookies[SESSION_COOKIE]);
    return {
      html: html + serializeSlice('session', { user }),
      cacheControl: personal ? PRIVATE_FRAGMENT_CACHE : PUBLIC_FRAGMENT_CACHE,
    };
  };
}
