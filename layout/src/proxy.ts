import { NextResponse, type NextRequest } from 'next/server';
import { productIsMissing, productSlug } from './lib/products';

export const CSRF_COOKIE = 'sf_csrf';

/** 32 random bytes as base64url: 43 url-safe characters. */
function newCsrfToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Buffer.from(bytes).toString('base64url');
}

/**
 * Before every page: a product the product service does not know is answered 404 (the page is still composed
 * around the catalog's own message; the status is set here because notFound() in a page renders an empty body),
 * and every visitor gets a double-submit CSRF token (readable by scripts, SameSite=Strict) when they have none.
 */
export async function proxy(request: NextRequest) {
  const slug = productSlug(request.nextUrl.pathname);
  const missing =
    slug !== undefined &&
    (await productIsMissing(slug, {
      cookie: request.headers.get('cookie'),
      previewToken: request.headers.get('x-preview-token'),
      requestId: request.headers.get('x-request-id') ?? undefined,
    }));
  // With a 404, Next.js renders the page with the site's metadata and `noindex`.
  const response = NextResponse.next(missing ? { status: 404 } : undefined);

  const current = request.cookies.get(CSRF_COOKIE)?.value;
  if (!current || !/^[A-Za-z0-9_-]{43,}$/.test(current)) {
    response.cookies.set(CSRF_COOKIE, newCsrfToken(), {
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
