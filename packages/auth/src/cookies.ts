export const SESSION_COOKIE = 'sf_session';
export const CSRF_COOKIE = 'sf_csrf';
/** The display mirror of the server cart, written by the order service, read by server-side renders. */
export const CART_COOKIE = 'sf_cart';
/** The random, HttpOnly id of a visitor's cart on the order service (a customer's cart is keyed by the user). */
export const CART_ID_COOKIE = 'sf_cart_id';
/** How long a cart is kept for a visitor who does not come back. */
export const CART_TTL_SECONDS = 30 * 24 * 60 * 60;
/** An editor's preview token: drafts are shown, and nothing the visitor gets may enter a shared cache. */
export const PREVIEW_COOKIE = 'sf_preview';

/**
 * A password reset token on its way from the emailed link to the form that uses it (HttpOnly, SameSite=Strict, for
 * at most the token's life): the token never sits in a page's URL, so no history, cache, log or Referer keeps it.
 */
export const PASSWORD_RESET_COOKIE = 'sf_reset';

export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * The shape of every CSRF token the storefront issues or echoes: url-safe, at least 128 bits (nginx mints 32 hex
 * digits, the layout 43 base64url characters). Anything else in a cookie is treated as no token at all.
 */
export const CSRF_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The page's CSRF token as the composer (nginx or the layout) hands it to the layout and every fragment for their
 * no-JS forms. Behind nginx it is a placeholder that nginx replaces in the answer (so a cached answer never holds a
 * visitor's token); a fragment never reads the token from the visitor's cookie.
 */
export const PAGE_CSRF_HEADER = 'x-page-csrf-token';

export function pageCsrfToken(value: string | string[] | null | undefined): string | undefined {
  const token = Array.isArray(value) ? value[0] : value;
  return token && CSRF_TOKEN_PATTERN.test(token) ? token : undefined;
}

export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true as const,
    sameSite: 'lax' as const,
    secure,
    path: '/' as const,
    maxAge: SESSION_TTL_SECONDS * 1000,
  };
}
