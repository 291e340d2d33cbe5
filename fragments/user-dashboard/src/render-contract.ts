import type { OrderStatus } from '@storefront/contracts';
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

/** Everything one render depends on; the same value is handed to the browser for hydration. */
export interface DashboardRenderInput {
  user: SessionUserView | null;
  orders: OrdersState;
  /** The `sf_csrf` cookie's value, echoed in the no-JS forms' `_csrf` field ('' when the visitor has none). */
  csrfToken: string;
  locale: string;
}

/**
 * The SSR bundle's export: the fragment root `<div data-fragment="user-dashboard" …>…</div>` followed by Angular's
 * transfer-state script (hydration data). Never a whole document.
 */
export type RenderDashboard = (input: DashboardRenderInput) => Promise<string>;
