import { NextResponse, type NextRequest } from 'next/server';
import { CSP_NONCE_HEADER, newNonce, pagePolicy, validNonce } from './lib/csp';
import { PAGE_STATUS_HEADER, resolvePage } from './lib/page-state';
import { USER_HEADER, sessionUser } from './lib/request-state';

export const CSRF_COOKIE = 'sf_csrf';
export const PREVIEW_COOKIE = 'sf_preview';

/** 32 random bytes as base64url: 43 url-safe characters. */
function newCsrfToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Buffer.from(bytes).toString('base64url');
}

/**
 * Before every page:
 * - its status: 404 for a path not in the page table, a product or a category the product service does not know
 *   (for this visitor: drafts count for editors and previews), 500 when the product service fails; the page
 *   renders the matching message in the shell (notFound() in a page would send an empty body, vercel/next.js#62228);
 * - a double-submit CSRF token (readable by scripts, SameSite=Strict) when the visitor has none, set on the
 *   response and on the request itself, so this very page and its fragments already see it (nginx copies it from
 *   the response's Set-Cookie onto the fragments' subrequests; COMPOSITION=podium forwards the request's cookies);
 * - the verified user id for the fragments' context (`x-storefront-user`: informational, podlets verify the cookie);
 * - `Cache-Control: private, no-store` for a preview;
 * - the page's CSP nonce (nginx's `x-csp-nonce`, else a fresh one): on the request as `x-csp-nonce` (the layout's
 *   own inline scripts, the fragments under COMPOSITION=podium) and as the request's `Content-Security-Policy`,
 *   from which Next.js stamps its scripts; the same policy on the response (nginx replaces it with its equal).
 */
export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.delete(PAGE_STATUS_HEADER);
  headers.delete(USER_HEADER);
  const nonce = validNonce(request.headers.get(CSP_NONCE_HEADER)) ?? newNonce();
  const policy = pagePolicy(nonce);
  headers.set(CSP_NONCE_HEADER, nonce);
  headers.set('content-security-policy', policy);

  let cookieHeader = request.headers.get('cookie');
  const current = request.cookies.get(CSRF_COOKIE)?.value;
  const freshCsrf = !current || !/^[A-Za-z0-9_-]{43,}$/.test(current) ? newCsrfToken() : undefined;
  if (freshCsrf) {
    // First wins for every cookie parser: the fresh token goes in front of an invalid one.
    cookieHeader = `${CSRF_COOKIE}=${freshCsrf}${cookieHeader ? `; ${cookieHeader}` : ''}`;
    headers.set('cookie', cookieHeader);
  }

  const userId = (await sessionUser(cookieHeader))?.id;
  if (userId) headers.set(USER_HEADER, userId);

  let status: number | undefined;
  const isPage = request.method === 'GET' || request.method === 'HEAD';
  if (isPage && !request.nextUrl.pathname.startsWith('/preview/')) {
    const page = await resolvePage(request.nextUrl.pathname, request.nextUrl.search, {
      cookie: cookieHeader,
      previewToken: request.headers.get('x-preview-token'),
      requestId: request.headers.get('x-request-id'),
    });
    status = page.status;
    headers.set(PAGE_STATUS_HEADER, String(page.status));
  }

  const response = NextResponse.next({
    request: { headers },
    ...(status && status !== 200 ? { status } : {}),
  });
  if (userId) response.headers.set(USER_HEADER, userId);
  response.headers.set('content-security-policy', policy);
  if (request.cookies.has(PREVIEW_COOKIE)) response.headers.set('cache-control', 'private, no-store');
  if (freshCsrf) {
    response.cookies.set(CSRF_COOKIE, freshCsrf, {
      path: '/',
      sameSite: 'strict',
      httpOnly: false,
      secure: process.env.COOKIE_SECURE !== 'false',
      maxAge: 60 * 60 * 24 * 365,
    });
  }
  return response;
}

export const config = {
  matcher: [
    '/((?!_next/static|_next/image|_layout/|_fragments/|_shared/|healthz|readyz|favicon.ico|icon.svg|robots.txt|sitemap.xml).*)',
  ],
};
