import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role, SessionUser } from '@storefront/auth';

export const PREVIEW_TOKEN_TTL_SECONDS = 3600;

export const isEditorRole = (role: Role) => role === 'editor' || role === 'admin';

/** Whose session minted a preview token: the token lives only as long as that session and role. */
export interface PreviewGrant {
  userId: string;
  sessionId: string;
  role: Role;
}

export interface PreviewTokens {
  /** A token that lets its holder see drafts until it expires or the editor's session ends. */
  mint(editor: Pick<SessionUser, 'id' | 'sessionId' | 'role'>): { token: string; expiresAt: Date };
  /** The grant of a well-signed, unexpired token, else null; the caller checks the session is still live. */
  verify(token: string | undefined): PreviewGrant | null;
}

const roles: readonly Role[] = ['customer', 'editor', 'admin'];

function readGrant(payload: string, now: number): PreviewGrant | null {
  try {
    const { sub, sid, role, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (typeof exp !== 'number' || exp * 1000 <= now) return null;
    if (typeof sub !== 'string' || typeof sid !== 'string' || !roles.includes(role as Role)) return null;
    return { userId: sub, sessionId: sid, role: role as Role };
  } catch {
    return null;
  }
}

/**
 * Preview tokens: `<payload>.<signature>`, base64url JSON `{sub, sid, role, exp}` and its HMAC-SHA256 under
 * PREVIEW_SECRET. They carry no rights beyond seeing drafts, so a shared secret among product-service replicas is
 * enough; `sid` ties them to the editor's session.
 */
export function createPreviewTokens(
  secret: string,
  ttlSeconds = PREVIEW_TOKEN_TTL_SECONDS,
  now: () => number = Date.now,
): PreviewTokens {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest();
  return {
    mint(editor) {
      const expiresAt = new Date(now() + ttlSeconds * 1000);
      const payload = Buffer.from(
        JSON.stringify({
          sub: editor.id,
          sid: editor.sessionId,
          role: editor.role,
          exp: Math.floor(expiresAt.getTime() / 1000),
        }),
      ).toString('base64url');
      return { token: `${payload}.${sign(payload).toString('base64url')}`, expiresAt };
    },

    verify(token) {
      if (!token || token.length > 1000) return null;
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return null;
      const expected = sign(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return readGrant(payload, now());
    },
  };
}
