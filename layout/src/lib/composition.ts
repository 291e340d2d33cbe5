// COMPOSITION=podium: the layout fetches and inlines the fragments itself (no nginx needed, e.g. under `next dev`),
// with the same Podium context, cookies, time budgets and fallbacks as nginx's SSI path.
import { randomUUID } from 'node:crypto';
import { podletByName, podletFallback, podletUrl, type PodletName } from './podlets';
import { parseCookieHeader, USER_HEADER } from './request-state';

export type CompositionMode = 'ssi' | 'podium';

export function compositionMode(): CompositionMode {
  return process.env.COMPOSITION === 'podium' ? 'podium' : 'ssi';
}

export interface VisitorRequest {
  /** The page's path without its query, e.g. `/products/blue-mug`. */
  pagePath: string;
  origin: string;
  cookie: string | null;
  requestId: string;
  /** The request carries `sf_preview` (podium-preview: true). */
  preview: boolean;
  /** The verified user id (from the proxy), for x-storefront-user: context only, never proof of identity. */
  userId: string | null;
}

/** What the layout knows of the incoming request, from its headers (as nginx or the browser sent them). */
export function visitorRequest(headers: Headers, pagePath: string): VisitorRequest {
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost';
  const proto = headers.get('x-forwarded-proto') ?? 'http';
  const incomingId = headers.get('x-request-id');
  return {
    pagePath,
    origin: `${proto}://${host}`,
    cookie: headers.get('cookie'),
    requestId: incomingId && /^[A-Za-z0-9._:-]{8,128}$/.test(incomingId) ? incomingId : randomUUID(),
    preview: parseCookieHeader(headers.get('cookie')).has('sf_preview'),
    userId: headers.get(USER_HEADER),
  };
}

const unavailable = (name: PodletName) =>
  `<div data-fragment-unavailable="${name}"><p>This part of the page is unavailable right now.</p></div>`;

/** The fragment's HTML, or within its budget its fallback: never an error. */
export async function fetchFragment(
  name: PodletName,
  path: string,
  visitor: VisitorRequest,
): Promise<string> {
  const podlet = podletByName(name);
  const headers: Record<string, string> = {
    accept: 'text/html',
    'podium-locale': 'en-US',
    'podium-requested-by': 'storefront-layout',
    'podium-mount-origin': visitor.origin,
    'podium-mount-pathname': visitor.pagePath,
    'podium-public-pathname': `/_fragments/${name}/`,
    'podium-preview': visitor.preview ? 'true' : 'false',
    'x-request-id': visitor.requestId,
  };
  if (visitor.userId) headers[USER_HEADER] = visitor.userId;
  if (visitor.cookie) headers.cookie = visitor.cookie;
  try {
    const response = await fetch(`${podletUrl(podlet)}${path}`, {
      headers,
      cache: 'no-store',
      redirect: 'manual',
      signal: AbortSignal.timeout(podlet.budgetMs),
    });
    // Like nginx: a 4xx (e.g. a missing product) is the fragment's own answer; only 5xx falls back.
    if (response.status < 500) return await response.text();
    await response.body?.cancel();
  } catch {
    // Down or over budget: the fallback below.
  }
  return (await podletFallback(name)) ?? unavailable(name);
}
