import type { Response } from 'express';

/**
 * Public, briefly cached answers: nginx and browsers may reuse them for a second and revalidate in the background,
 * so a price, stock or publish reaches every visitor within seconds. Express adds a weak ETag to every body it sends
 * and answers If-None-Match with 304 itself.
 */
export function cachePublicly(res: Response, maxAgeSeconds = 1, staleSeconds = 60): void {
  res.set('Cache-Control', `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleSeconds}`);
}
