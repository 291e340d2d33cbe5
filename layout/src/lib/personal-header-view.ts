// The markup of the header's personal part, from the visitor's state: the layout renders it for the include, and the
// header renders it again in the browser when the shared store's session or cart changes (a sign-in on the page, a
// product added). Plain strings, so the one function serves both sides.
import type { SessionUserView } from '@storefront/store';

export interface PersonalHeaderState {
  user: SessionUserView | null;
  /** Items in the cart. */
  count: number;
  /** The page's CSRF token, for the no-JS sign-out form. */
  csrfToken: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The cart link's accessible name. */
export const cartLabel = (count: number) => `Cart, ${count} ${count === 1 ? 'item' : 'items'}`;

export function personalHeaderView({ user, count, csrfToken }: PersonalHeaderState): string {
  const editor = user?.role === 'editor' || user?.role === 'admin';
  const session = user
    ? `<span data-testid="session-user">${escapeHtml(user.name)}</span>` +
      '<form method="post" action="/api/users/logout" class="sf-sign-out">' +
      `<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">` +
      '<input type="hidden" name="_redirect" value="/">' +
      '<button type="submit" class="quiet" data-testid="sign-out">Sign out</button></form>'
    : '<a href="/signin" data-testid="sign-in-link">Sign in</a>';
  return (
    '<nav class="sf-nav" aria-label="Account"><a href="/account">Account</a>' +
    (editor ? '<a href="/editor" data-testid="editor-link">Editor</a>' : '') +
    '</nav>' +
    `<div class="sf-session" data-testid="session-state" data-signed-in="${user ? 'true' : 'false'}">${session}</div>` +
    `<a class="sf-cart" href="/cart" data-testid="cart-link" aria-label="${cartLabel(count)}">` +
    `Cart <span class="sf-badge" data-testid="cart-badge">${count}</span></a>`
  );
}
