import { createHash, randomBytes } from 'node:crypto';
import { PASSWORD_RESET_TOKEN_PATTERN } from '@storefront/auth';

/** A fresh reset token: 256 random bits, base64url (43 characters). */
export function newResetToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the store keeps of a token. A plain SHA-256 is enough here (unlike for passwords): the token is 256 random
 * bits, so there is nothing to guess, and the hash only has to keep a copy of the store from opening accounts.
 */
export function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token as it may arrive from a link or a cookie; anything else is no token at all. */
export function readResetToken(value: unknown): string | undefined {
  return typeof value === 'string' && PASSWORD_RESET_TOKEN_PATTERN.test(value) ? value : undefined;
}
