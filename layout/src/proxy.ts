import {
  CSRF_COOKIE,
  CSRF_TOKEN_PATTERN,
  PAGE_CSRF_HEADER,
  pageCsrfToken,
  PREVIEW_COOKIE,
} from '@storefront/auth';
import { NextResponse, type NextRequest } from 'next/server';
import { CSP_NONCE_HEADER, newNonce, pagePolicy, validNonce } from './lib/csp';
import { PAGE_STATUS_HEADER, resolvePage } from './lib/page-state';
import { problemResponse } from './lib/problem';

/** 32 random bytes as base64url: 43 url-safe characters. */
function newCsrfToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Buffer.from(bytes).toString('base64url');
}

/**
 * Seconds nginx may keep a public page's shell (X-Accel-Expires). Short, so a publish or a price change reaches
 * anonymous visitors within about a second; nginx serves the last copy while one request renders the next.
 */
export const SHELL_TTL_SECONDS = 1;

/**
 * Before every page:
 * - its status: 404 for a path not in the page table, a product or a category the product service does not know
 *   (drafts count only in an editor's preview), 500 when the product service fails; the page renders the matching
 *   message in the shell (notFound() in a page would send an empty body, vercel/next.js#62228);
 * - the page's CSRF token and CSP nonce, for the shell's own forms and scripts and for the fragments: behind nginx
 *   the placeholders it sent (`x-page-csrf-token`, `x-csp-nonce`) and stamps in the answer; without nginx
 *   (COMPOSITION=podium) the visitor's sf_csrf, minted here on a first visit, and a fresh nonce;
 * - whether nginx may keep the shell: a public page (no preview, nothing set for this visitor, not an error) for
 *   SHELL_TTL_SECONDS. nginx hands the shell no cookie but the preview's, so it cannot depend on anything else.
 * The policy goes on the request too (Next.js reads the nonce from it to stamp its own scripts) and on the
 * response (nginx replaces it with its equal).
 */
export async function proxy(request: NextRequest) {
  // Under /preview/ are route handlers (leaving a preview takes a POST); every other path this proxy sees is a page.
  const isPage = !request.nextUrl.pathname.startsWith('/preview/');
  // Pages are only read: Next.js would render one for a POST, PUT or DELETE as if it were a GET.
  if (isPage && request.method !== 'GET' && request.method !== 'HEAD')
    return problemResponse(405, 'Method Not Allowed', 'A page is read with GET or HEAD.', {
      allow: 'GET, HEAD',
    });

  const headers = new Headers(request.headers);
  headers.delete(PAGE_STATUS_HEADER);
  const nonce = validNonce(request.headers.get(CSP_NONCE_HEADER)) ?? newNonce();
  const policy = pagePolicy(nonce);
  headers.set(CSP_NONCE_HEADER, nonce);
  headers.set('content-security-policy', policy);

  const current = request.cookies.get(CSRF_COOKIE)?.value;
  const composerToken = pageCsrfToken(request.headers.get(PAGE_CSRF_HEADER));
  const freshCsrf =
    composerToken || (current && CSRF_TOKEN_PATTERN.test(current)) ? undefined : newCsrfToken();
  headers.set(PAGE_CSRF_HEADER, composerToken ?? freshCsrf ?? current!);

  const preview = request.cookies.has(PREVIEW_COOKIE) || request.headers.has('x-preview-token');
  let status: number | undefined;
  if (isPage) {
    const page = await resolvePage(request.nextUrl.pathname, request.nextUrl.search, {
      cookie: request.headers.get('cookie'),
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
  response.headers.set('content-security-policy', policy);
  const shared = !preview && !freshCsrf && status !== undefined && status !== 500;
  response.headers.set('x-accel-expires', String(shared ? SHELL_TTL_SECONDS : 0));
  if (preview) response.headers.set('cache-control', 'private, no-store');
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
    '/((?!_next/static|_next/image|_layout/|_fragments/|_shared/|healthz|readyz|favicon.ico|icon.svg|robots.txt|sitemap.xml|sitemaps/).*)',
  ],
};
