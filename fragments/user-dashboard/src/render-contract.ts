import type { FormFailure } from '@storefront/auth/form-outcome';
import type { Address, DeliveryStatus, NotificationPreferences, OrderStatus } from '@storefront/contracts';
import type { SessionUserView } from '@storefront/store';

/** One line of "Your last orders": what the dashboard shows of an order, nothing more. */
export interface OrderSummary {
  id: string;
  status: OrderStatus;
  totalMinor: number;
  currency: string;
  createdAt: string;
}

/** The visitor's orders as the dashboard knows them: not asked (signed out), listed, or the service failed. */
export type OrdersState =
  { kind: 'none' } | { kind: 'listed'; items: OrderSummary[] } | { kind: 'unavailable' };

/** What the dashboard shows and edits of the visitor's profile (`GET /users/me`). */
export interface ProfileData {
  name: string;
  email: string;
  phone: string | null;
  addresses: Address[];
  preferences: NotificationPreferences;
}

/** The profile: not asked (signed out, or a page that does not show it), loaded, or the user service failed. */
export type ProfileState =
  { kind: 'none' } | { kind: 'loaded'; profile: ProfileData } | { kind: 'unavailable' };

/** One entry of the delivery log, without the message body. */
export interface NotificationSummary {
  id: string;
  channel: 'email' | 'sms';
  subject: string;
  createdAt: string;
  status: DeliveryStatus;
}

export type NotificationsState =
  { kind: 'none' } | { kind: 'listed'; items: NotificationSummary[] } | { kind: 'unavailable' };

/**
 * Which part of the account the page shows, from the page path: `/` (greeting or the sign-in box), `/account`,
 * `/account/profile`, `/account/notifications`, `/signin`, `/signup`, `/password/forgot` (ask for a reset link),
 * `/password/reset` (choose the new password); any other path renders nothing visible.
 */
export type DashboardView =
  'home' | 'account' | 'profile' | 'notifications' | 'signin' | 'signup' | 'forgot' | 'reset' | 'other';

/** Everything one render depends on; the same value is handed to the browser for hydration. */
export interface DashboardRenderInput {
  view: DashboardView;
  /** The page's path, sent back as the no-JS forms' `_redirect` field ('' when unknown or unsafe). */
  pagePath: string;
  user: SessionUserView | null;
  orders: OrdersState;
  profile: ProfileState;
  notifications: NotificationsState;
  /** The `sf_csrf` cookie's value, echoed in the no-JS forms' `_csrf` field ('' when the visitor has none). */
  csrfToken: string;
  /** A no-JS form post that failed and was sent back here (`?form_error=…`), shown next to its form. */
  formFailure: FormFailure | null;
  /** `/account/profile?edit=<index>`: the address a no-JS "Edit" link opened for editing. */
  editAddress: number | null;
  /** `/password/forgot?sent=1`: the form was posted without JavaScript and the link is on its way (if…). */
  resetLinkSent: boolean;
  locale: string;
}

/**
 * The SSR bundle's export: the fragment root `<div data-fragment="user-dashboard" …>…</div>` followed by Angular's
 * transfer-state script (hydration data). Never a whole document.
 */
export type RenderDashboard = (input: DashboardRenderInput) => Promise<string>;
