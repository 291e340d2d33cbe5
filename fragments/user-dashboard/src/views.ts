import { PASSWORD_FORGOT_PAGE, PASSWORD_RESET_PAGE } from '@storefront/auth/password-reset';
import type { DashboardView } from './render-contract.js';

const VIEWS: Record<string, DashboardView> = {
  '/': 'home',
  '/account': 'account',
  '/account/profile': 'profile',
  '/account/notifications': 'notifications',
  '/signin': 'signin',
  '/signup': 'signup',
  [PASSWORD_FORGOT_PAGE]: 'forgot',
  [PASSWORD_RESET_PAGE]: 'reset',
};

const trimmed = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/**
 * The view of a request: the path inside the fragment decides; a layout that includes the fragment at `/` for
 * the sign-in and sign-up pages is still understood from the page path (`podium-mount-pathname`).
 */
export function viewOf(path: string, mountPathname: string | undefined): DashboardView {
  const view = VIEWS[trimmed(path)] ?? 'other';
  if (view === 'home' && mountPathname) {
    const page = VIEWS[trimmed(mountPathname)];
    if (page === 'signin' || page === 'signup') return page;
  }
  return view;
}

/** Views that show the visitor's account: signed out, they show the sign-in form instead. */
export const ACCOUNT_VIEWS: readonly DashboardView[] = ['account', 'profile', 'notifications'];

/** A path on this origin that may go back into a form's `_redirect` field (the services re-check it). */
export function safePagePath(candidate: string | undefined): string {
  if (!candidate || candidate.length > 300) return '';
  if (!candidate.startsWith('/') || /^\/[/\\]/.test(candidate)) return '';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return '';
  return candidate;
}
