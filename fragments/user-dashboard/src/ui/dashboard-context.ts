import { InjectionToken, makeStateKey } from '@angular/core';
import type { SessionUserView } from '@storefront/store';
import type { DashboardRenderInput } from '../render-contract.js';
import type { Send } from './account-api.js';

/**
 * How the components reach the outside world: the page's shared store and `fetch` in the browser, the request's
 * data on the server. The components never import `@storefront/store/browser` themselves.
 */
export interface SessionPort {
  /** Calls onChange now and whenever the session user changes (semantics of `watch()`); returns the unsubscribe. */
  watchUser(onChange: (user: SessionUserView | null) => void): () => void;
  setUser(user: SessionUserView | null): void;
  csrfHeaders(): Record<string, string>;
  reload(): void;
  /** Goes to another page of the shop (after a password reset: the account). */
  navigate(path: string): void;
  send: Send;
}

export const SESSION_PORT = new InjectionToken<SessionPort>('user-dashboard session port');

/** The render input: given by the server, carried to the browser in Angular's transfer state. */
export const DASHBOARD_INPUT = new InjectionToken<DashboardRenderInput>('user-dashboard render input');

export const DASHBOARD_INPUT_KEY = makeStateKey<DashboardRenderInput>('user-dashboard');

/** Scopes Angular's transfer-state script (`<script id="user-dashboard-state">`) to this fragment. */
export const DASHBOARD_APP_ID = 'user-dashboard';

export const EMPTY_INPUT: DashboardRenderInput = {
  view: 'home',
  pagePath: '',
  user: null,
  orders: { kind: 'none' },
  profile: { kind: 'none' },
  notifications: { kind: 'none' },
  csrfToken: '',
  formFailure: null,
  editAddress: null,
  resetLinkSent: false,
  locale: 'en-US',
};
