// No imports: the fragments' browser bundles use this module too (`@storefront/auth/password-reset`).

/** How long an emailed password reset link works. */
export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

/** The pages of the journey (the layout's routes): ask for a link, then set the new password. */
export const PASSWORD_FORGOT_PAGE = '/password/forgot';
export const PASSWORD_RESET_PAGE = '/password/reset';

/** The shape of a reset token: 32 random bytes, base64url. */
export const PASSWORD_RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The link the email carries: the user service's route that checks the token, hands it to the browser in the
 * `sf_reset` cookie and sends the visitor on to the reset page. `origin` is the shop's public address.
 */
export function passwordResetLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/api/users/password/reset/${encodeURIComponent(token)}`;
}
