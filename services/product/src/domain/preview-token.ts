import { createHmac, timingSafeEqual } from 'node:crypto';

export const PREVIEW_TOKEN_TTL_SECONDS = 3600;

export interface PreviewTokens {
  /** A token that lets its holder see drafts until it expires. */
  mint(subject: string): { token: string; expiresAt: Date };
  verify(token: string | undefined): boolean;
}

/**
 * Preview tokens: `<payload>.<signature>`, base64url JSON `{sub, exp}` and its HMAC-SHA256 under PREVIEW_SECRET.
 * They carry no rights beyond seeing drafts, so a shared secret among product-service replicas is enough.
 */
export function createPreviewTokens(
  secret: string,
  ttlSeconds = PREVIEW_TOKEN_TTL_SECONDS,
  now: () => number = Date.now,
): PreviewTokens {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest();
  return {
    mint(subject) {
      const expiresAt = new Date(now() + ttlSeconds * 1000);
      const payload = Buffer.from(
        JSON.stringify({ sub: subject, exp: Math.floor(expiresAt.getTime() / 1000) }),
      ).toString('base64url');
      return { token: `${payload}.${sign(payload).toString('base64url')}`, expiresAt };
    },

    verify(token) {
      if (!token || token.length > 1000) return false;
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return false;
      const expected = sign(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
      try {
        const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
        return typeof exp === 'number' && exp * 1000 > now();
      } catch {
        return false;
      }
    },
  };
}
