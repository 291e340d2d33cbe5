import type { Request, Response } from 'express';
import { PREVIEW_COOKIE } from '@storefront/auth';
import type { SessionRegistry } from '@storefront/service-kit';
import type { Audience } from '../../domain/visibility.js';
import { isEditorRole, type PreviewTokens } from '../../domain/preview-token.js';
import { cachePublicly } from './public-cache.js';

export const PREVIEW_HEADER = 'x-preview-token';

export const isEditor = (req: Request) => req.user !== undefined && isEditorRole(req.user.role);

/**
 * Editors (by their session) and holders of a valid preview token (header or cookie) see drafts. A token is only
 * as good as the editor's session it was minted in: signed out, revoked or demoted, and it shows drafts no more.
 */
export async function audienceOf(
  req: Request,
  deps: { preview: PreviewTokens; sessionRegistry: SessionRegistry },
): Promise<Audience> {
  if (isEditor(req)) return 'preview';
  const preview = deps.preview.verify(req.get(PREVIEW_HEADER) ?? req.cookies[PREVIEW_COOKIE]);
  if (!preview) return 'public';
  const session = await deps.sessionRegistry.state(preview.userId, preview.sessionId);
  return !session.revoked && isEditorRole(session.role ?? preview.role) ? 'preview' : 'public';
}

/** A preview answer belongs to one person and may show unpublished work: no shared or browser cache keeps it. */
export function cacheFor(res: Response, audience: Audience, maxAgeSeconds?: number, staleSeconds?: number) {
  if (audience === 'preview') res.set('Cache-Control', 'private, no-store');
  else cachePublicly(res, maxAgeSeconds, staleSeconds);
}
