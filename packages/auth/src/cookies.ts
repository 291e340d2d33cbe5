export const SESSION_COOKIE = 'sf_session';
export const CSRF_COOKIE = 'sf_csrf';
export const CART_COOKIE = 'sf_cart';

export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true as const,
    sameSite: 'lax' as const,
    secure,
    path: '/' as const,
    maxAge: SESSION_TTL_SECONDS * 1000,
  };
}
