import type { Request, Response } from 'express';
import type { Audience } from '../../domain/visibility.js';
import type { PreviewTokens } from '../../domain/preview-token.js';
import { cachePublicly } from './public-cache.js';

export const PREVIEW_COOKIE = 'sf_preview';
export const PREVIEW_HEADER = 'x-preview-token';

export const isEditor = (req: Request) => req.user?.role === 'editor' || req.user?.role === 'admin';

/** Editors (by their session) and holders of a valid preview token (header or cookie) see drafts. */
export function audienceOf(req: Request, preview: PreviewTokens): Audience {
  if (isEditor(req)) return 'preview';
  return preview.verify(req.get(PREVIEW_HEADER) ?? req.cookies[PREVIEW_COOKIE]) ? 'preview' : 'public';
}

/** A preview answer belongs to one person and may show unpublished work: no shared or browser cache keeps it. */
export function cacheFor(res: Response, audience: Audience, maxAgeSeconds?: number, staleSeconds?: number) {
  if (audience === 'preview') res.set('Cache-Control', 'private, no-store');
  else cachePublicly(res, maxAgeSeconds, staleSeconds);
}
