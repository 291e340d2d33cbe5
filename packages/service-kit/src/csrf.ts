import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { CSRF_COOKIE, CSRF_TOKEN_PATTERN } from '@storefront/auth';
import { problems } from './problems.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Double-submit check: a cross-site page can make the browser send our cookies but cannot read the CSRF cookie,
 * so it cannot echo it in a header or form field.
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (safeMethods.has(req.method)) return next();
  const cookie = req.cookies[CSRF_COOKIE];
  const body: unknown = req.body;
  const fromForm =
    body && typeof body === 'object' && typeof (body as Record<string, unknown>)._csrf === 'string'
      ? ((body as Record<string, unknown>)._csrf as string)
      : typeof res.locals.formCsrfToken === 'string'
        ? res.locals.formCsrfToken
        : undefined;
  const sent = req.get('x-csrf-token') ?? fromForm;
  if (!cookie || !CSRF_TOKEN_PATTERN.test(cookie) || !sent || !same(cookie, sent)) {
    return next(problems.forbidden('Missing or invalid CSRF token.'));
  }
  next();
};
