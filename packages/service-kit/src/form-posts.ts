import type { Request, RequestHandler } from 'express';
import { formName, FORM_NAME_FIELD, withFormFailure, withoutFormOutcome } from '@storefront/auth';
import { FAILED_FORM_ANSWER, problems, type FailedFormAnswer } from './problems.js';

/** The methods a form may ask for with `_method`; HTML forms themselves can only GET or POST. */
const overridableMethods = new Set(['PATCH', 'PUT', 'DELETE']);

/** A path on this origin only: `//evil.example` and `/\evil.example` would leave it. */
function samePath(candidate: unknown): string | undefined {
  if (typeof candidate !== 'string' || !candidate.startsWith('/') || /^\/[/\\]/.test(candidate))
    return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return undefined;
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
 * A browser navigating with a form (its Accept prefers a page to JSON): a failure must come back as a page too.
 * `fetch` sends `*\/*` (or what its caller asks for), which keeps problem+json.
 */
function wantsPage(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

function retryAfterOf(header: unknown): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && /^\d{1,6}$/.test(text) ? Number(text) : undefined;
}

/**
 * Forms work before (or without) JavaScript: a browser form post that succeeds is answered with 303 back to the
 * page it came from (or its `_redirect` field), where the fragments render the new state. One that fails is
 * answered with 303 to the form's page (the Referer; `_redirect` without one), the failure in its query (`@storefront/auth`'s form outcome: the status, the
 * form's `_form` name and the fields the problem names), when the browser asked for a page; a caller that asked
 * for JSON (fetch, curl) keeps the problem+json answer. The form-only fields are dropped so the request schemas
 * never see them.
 *
 * A form asks for PATCH, PUT or DELETE with its `_method` field: the request is then routed as that method (any
 * other `_method` answers 400). The CSRF check runs after this one, on the routed method; it and routes that check
 * CSRF themselves find the form's token in `res.locals.formCsrfToken`.
 */
export const formPostRedirects: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !req.is('application/x-www-form-urlencoded')) return next();
  const body = (req.body ?? {}) as Record<string, unknown>;
  const target = withoutFormOutcome(samePath(body._redirect) ?? refererPath(req) ?? '/');
  // A failure goes back to the form (the page that posted it), not on to where a success would have gone.
  const formPage = withoutFormOutcome(refererPath(req) ?? samePath(body._redirect) ?? '/');
  const form = formName(body[FORM_NAME_FIELD]);
  if (wantsPage(req)) {
    const answer: FailedFormAnswer = (problem) => {
      const fields = Array.isArray(problem.extra.errors)
        ? (problem.extra.errors as { path?: unknown }[]).flatMap((error) =>
            typeof error.path === 'string' ? [error.path] : [],
          )
        : [];
      const retryAfterSeconds = retryAfterOf(res.getHeader('retry-after'));
      res.set('cache-control', 'no-store');
      res.redirect(
        303,
        withFormFailure(formPage, {
          status: problem.status,
          ...(form ? { form } : {}),
          fields,
          ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        }),
      );
    };
    res.locals[FAILED_FORM_ANSWER] = answer;
  }
  // Services that check CSRF per route (after this) still find the form's token.
  if (typeof body._csrf === 'string') res.locals.formCsrfToken = body._csrf;
  const override = body._method;
  delete body._csrf;
  delete body._redirect;
  delete body._method;
  delete body[FORM_NAME_FIELD];
  if (override !== undefined) {
    const method = typeof override === 'string' ? override.toUpperCase() : '';
    if (!overridableMethods.has(method)) {
      return next(problems.badRequest('Invalid body: _method must be PATCH, PUT or DELETE.'));
    }
    req.method = method;
  }

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
