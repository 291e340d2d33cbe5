// COMPOSITION=podium: the layout fetches and inlines the fragments itself (no nginx needed, e.g. under `next dev`),
// through the Podium client (podium.ts), with the same Podium context, cookies, time budgets and fallbacks as
// nginx's SSI path.
import { randomUUID } from 'node:crypto';
import { PAGE_CSRF_HEADER, pageCsrfToken, PREVIEW_COOKIE } from '@storefront/auth';
import { CSP_NONCE_HEADER, validNonce } from './csp';
import { podletFallback } from './podlet-manifests';
import { podletByName, type PodletName } from './podlet-registry';
import { LAYOUT_NAME, podiumIncoming, podletResource } from './podium';
import { parseCookieHeader } from './request-state';

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
  /** The page's CSP nonce (from the proxy), for the fragments' inline scripts. */
  cspNonce?: string | null;
  /** The page's CSRF token (from the proxy), for the fragments' no-JS forms. */
  csrfToken?: string | null;
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
    preview: parseCookieHeader(headers.get('cookie')).has(PREVIEW_COOKIE),
    cspNonce: validNonce(headers.get(CSP_NONCE_HEADER)) ?? null,
    csrfToken: pageCsrfToken(headers.get(PAGE_CSRF_HEADER)) ?? null,
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

const unavailable = (name: PodletName) =>
  `<div data-fragment-unavailable="${name}"><p>This part of the page is unavailable right now.</p></div>`;

/** The query of a fragment path as the Podium client takes it (repeated keys kept, in order). */
function queryOf(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const known = query[key];
    query[key] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  return query;
}

/** The fragment's HTML, or within its budget its fallback: never an error. */
export async function fetchFragment(
  name: PodletName,
  path: string,
  visitor: VisitorRequest,
): Promise<string> {
  const podlet = podletByName(name);
  const inside = path.startsWith('/') ? path : `/${path}`;
  const queryAt = inside.indexOf('?');
  // The Podium context, serialized by the client into the podium-* headers (the same values as nginx's).
  const incoming = podiumIncoming({
    'podium-locale': 'en-US',
    'podium-requested-by': LAYOUT_NAME,
    'podium-mount-origin': visitor.origin,
    'podium-mount-pathname': visitor.pagePath,
    'podium-public-pathname': (podletName) => `/_fragments/${podletName}/`,
    'podium-preview': visitor.preview ? 'true' : 'false',
  });
  const headers: Record<string, string> = { accept: 'text/html', 'x-request-id': visitor.requestId };
  if (visitor.cspNonce) headers[CSP_NONCE_HEADER] = visitor.cspNonce;
  if (visitor.csrfToken) headers[PAGE_CSRF_HEADER] = visitor.csrfToken;
  // A shared path is rendered as for a visitor without cookies, as nginx does (it caches that one answer).
  const pathname = queryAt < 0 ? inside : inside.slice(0, queryAt);
  if (visitor.cookie && !podlet.sharedPaths?.includes(pathname)) headers.cookie = visitor.cookie;
  // @podium/client: the manifest from its registry (read first if missing), then the content with the context, the
  // podlet's budget as its timeout; a failure (down, over budget, an error status) throws (throwable). Unlike nginx,
  // which passes a 4xx through, the client treats every status >= 400 as a failure (its body is not kept): the slot
  // shows the fallback. Fragments answer 200 for every path the layout gives them (docs/conventions.md).
  const fetched = podletResource(podlet)
    .fetch(incoming, {
      pathname,
      query: queryAt < 0 ? {} : queryOf(inside.slice(queryAt)),
      headers,
    })
    .then(
      (response) => response.content,
      () => undefined,
    );
  // The client's timeout ends the wait for the answer's headers; the budget also covers reading the body, as in nginx.
  const html = await Promise.race([fetched, delay(podlet.budgetMs).then(() => undefined)]);
  return html ?? (await podletFallback(name)) ?? unavailable(name);
}
