import type { Request, RequestHandler } from 'express';
import { problems } from './problems.js';

/** The methods a form may ask for with `_method`; HTML forms themselves can only GET or POST. */
const overridableMethods = new Set(['PATCH', 'PUT', 'DELETE']);

/** A path on this origin only: `//evil.example` and `/\evil.example` would leave it. */
function samePath(candidate: unknown): string | undefined {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || /^\/[/\\]/.test(candidate))
    return undefined;
  return candidate;
}

function refererPath(req: Request): string | undefined {
  const referer = req.get('referer');
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return samePath(`${url.pathname}${url.search}`);
  } catch {
    return undefined;
  }
}

/**
 * Forms work before (or without) JavaScript: a browser form post that succeeds is answered with 303 back to the
 * page it came from (or its `_redirect` field), where the fragments render the new state. Failures keep their
 * problem+json answer. The form-only fields are dropped so the request schemas never see them.
 *
 * A form asks for PATCH, PUT or DELETE with its `_method` field: the request is then routed as that method (any
 * other `_method` answers 400). The CSRF check mounted before this one has already checked the POST; routes that
 * check CSRF themselves find the form's token in `res.locals.formCsrfToken`.
 */
export const formPostRedirects: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !req.is('application/x-www-form-urlencoded')) return next();
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body._method !== undefined) {
    const method = typeof body._method === 'string' ? body._method.toUpperCase() : '';
    if (!overridableMethods.has(method)) {
      return next(problems.badRequest('Invalid body: _method must be PATCH, PUT or DELETE.'));
    }
    req.method = method;
  }
  const target = samePath(body._redirect) ?? refererPath(req) ?? '/';
  // Services that check CSRF per route (after this) still find the form's token.
  if (typeof body._csrf === 'string') res.locals.formCsrfToken = body._csrf;
  delete body._csrf;
  delete body._redirect;
  delete body._method;

  let redirected = false;
  const redirectOnSuccess = () => {
    if (redirected || res.statusCode >= 400) return false;
    redirected = true;
    res.redirect(303, target);
    return true;
  };
  const json = res.json.bind(res);
  res.json = (payload: unknown) => (redirectOnSuccess() ? res : json(payload));
  const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
  res.end = ((...args: unknown[]) => {
    // A bodiless success (204) redirects too; the redirect's own end goes straight through.
    if (!redirected && res.statusCode === 204 && redirectOnSuccess()) return res;
    return end(...args);
  }) as typeof res.end;
  next();
};
