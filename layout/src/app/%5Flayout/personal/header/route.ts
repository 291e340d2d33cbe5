import { PAGE_CSRF_HEADER, pageCsrfToken } from '@storefront/auth';
import { personalHeader, personalHeaderTtl } from '../../../../lib/personal-header';

export const dynamic = 'force-dynamic';

/**
 * `/_layout/personal/header`: the header's personal part for this visitor, included by nginx into the public shell
 * (never reachable from outside). Signed-out visitors with no cart share one answer nginx may keep for a minute.
 */
export async function GET(request: Request) {
  const header = await personalHeader(
    request.headers.get('cookie'),
    pageCsrfToken(request.headers.get(PAGE_CSRF_HEADER)) ?? '',
  );
  const ttl = personalHeaderTtl(header);
  return new Response(header.html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': ttl ? `public, max-age=${ttl}` : 'private, no-store',
    },
  });
}
