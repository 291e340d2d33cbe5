import { CSRF_COOKIE, CSRF_TOKEN_PATTERN, PREVIEW_COOKIE } from '@storefront/auth';
import { problemResponse } from '../../../lib/problem';
import { parseCookieHeader } from '../../../lib/request-state';

export const dynamic = 'force-dynamic';

/** Same-origin paths only: `//evil.example` and `/\evil.example` would leave the site. */
function backTo(request: Request): string {
  const referer = request.headers.get('referer');
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    const path = `${url.pathname}${url.search}`;
    return path.startsWith('/') && !/^\/[/\\]/.test(path) ? path : '/';
  } catch {
    return '/';
  }
}

/**
 * `POST /preview/leave`: the preview banner's way out (a form, so it works before and without any script).
 * Double-submit CSRF like the services (`_csrf` field = `sf_csrf` cookie); clears `sf_preview` and answers 303 back
 * to the page.
 */
export async function POST(request: Request) {
  const cookies = parseCookieHeader(request.headers.get('cookie'));
  const expected = cookies.get(CSRF_COOKIE) ?? '';
  let sent = '';
  try {
    const form = await request.formData();
    const value = form.get('_csrf');
    sent = typeof value === 'string' ? value : '';
  } catch {
    // not a form: no token
  }
  if (!CSRF_TOKEN_PATTERN.test(expected) || sent !== expected) {
    return problemResponse(403, 'Forbidden', 'Missing or invalid CSRF token.');
  }
  const secure = process.env.COOKIE_SECURE !== 'false' ? '; Secure' : '';
  return new Response(null, {
    status: 303,
    headers: {
      location: backTo(request),
      'cache-control': 'no-store',
      'set-cookie': `${PREVIEW_COOKIE}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${secure}`,
    },
  });
}
