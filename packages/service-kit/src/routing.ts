import { Router, type RequestHandler } from 'express';
import { problems, sendProblem } from './problems.js';

/** Express's defaults match `/Products/` like `/products`; every storefront router matches one spelling only. */
export const strictRouting = { strict: true, caseSensitive: true } as const;

/** A router that matches paths exactly: case-sensitive, a trailing slash is another path. */
export const serviceRouter = () => Router(strictRouting);

// Characters a URL never needs to percent-encode: an encoded one is only another spelling of the same path.
const encodedUnreserved = /%(?:[46][1-9A-F]|[57][0-9A]|3[0-9]|2[DE]|5F|7E)/i;

/** Why `path` is not the one spelling of a route, or null when it is. */
export function nonCanonical(path: string): string | null {
  if (path.length > 1 && path.endsWith('/')) return 'a trailing slash';
  if (path.includes('//')) return 'an empty segment';
  if (/(^|\/)\.{1,2}(\/|$)/.test(path)) return 'a dot segment';
  if (path.includes(';')) return 'a path parameter';
  if (path.includes('\\')) return 'a backslash';
  if (encodedUnreserved.test(path)) return 'a needlessly encoded character';
  return null;
}

/**
 * Mounted routers see `/x` and `/x/` alike whatever their options, and proxies normalise paths in ways the service
 * would not: so any other spelling of a path is answered 404 before routing, and a route has exactly one address.
 */
export const canonicalPaths: RequestHandler = (req, res, next) => {
  const path = (req.originalUrl || req.url).split('?', 1)[0] ?? '/';
  const reason = nonCanonical(path);
  if (!reason) {
    next();
    return;
  }
  sendProblem(res, problems.notFound(`No route for this path: it has ${reason}.`), req.originalUrl);
};
