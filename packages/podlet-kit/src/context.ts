import type { Request } from 'express';
import type { SessionUser } from '@storefront/auth';
import type { Logger } from '@storefront/service-kit';

/** The Podium context the layout (or nginx) sends as `podium-*` headers, parsed by @podium/podlet. */
export interface PodiumContext {
  /** A canonical BCP 47 tag, safe to hand to Intl (`en-US` when missing or malformed). */
  locale: string;
  mountOrigin?: string;
  /** The page's path, e.g. `/products/blue-mug`. */
  mountPathname?: string;
  /** Where this podlet is reachable from the browser, e.g. `/_fragments/product-catalog/`. */
  publicPathname?: string;
  requestedBy?: string;
  deviceType?: string;
  debug?: string;
}

/** Everything a podlet's content renderer may depend on, for exactly one request. */
export interface RenderContext {
  req: Request;
  podium: PodiumContext;
  /** The path inside the fragment (`/` or e.g. `/products/blue-mug`). */
  path: string;
  query: URLSearchParams;
  /** The visitor's cookies (`sf_session`, `sf_cart`, …), parsed. */
  cookies: Record<string, string>;
  /** Set when the podlet was given a session verifier and `sf_session` is valid. */
  user?: SessionUser;
  requestId: string;
  /**
   * The page's CSP nonce (`x-csp-nonce`, from nginx or the layout), for the fragment's inline executable scripts;
   * undefined when missing or malformed. Behind nginx it is a placeholder nginx stamps per response, so even a
   * public (cached) answer may carry it.
   */
  cspNonce?: string;
  /**
   * The page's CSRF token for the fragment's no-JS forms (`x-page-csrf-token`, from nginx or the layout), stamped
   * per response like the nonce; '' when the composer sent none. Never read it from the visitor's cookie: an
   * answer that did could not be public.
   */
  csrfToken: string;
  /** Headers for calls to services: `x-request-id` so the request can be followed across parts. */
  upstreamHeaders: Record<string, string>;
  logger: Logger;
}

export const DEFAULT_LOCALE = 'en-US';

/**
 * Cache-Control of a fragment answer that is the same for every visitor of its URL: nginx keeps it for a second,
 * serves it stale while one request refreshes it, and as the last good copy for a day when the podlet fails.
 */
export const PUBLIC_FRAGMENT_CACHE = 'public, max-age=1, stale-while-revalidate=86400, stale-if-error=86400';
/** Cache-Control of an answer that read the visitor's session, cart or preview: no cache keeps it. */
export const PRIVATE_FRAGMENT_CACHE = 'private, no-store';

/** The header nginx and the layout send the page's CSP nonce in. */
export const CSP_NONCE_HEADER = 'x-csp-nonce';

/** A nonce is echoed into an attribute: only a plain base64/hex token of sane length is accepted. */
export function cspNonceOf(value: string | string[] | undefined): string | undefined {
  const nonce = Array.isArray(value) ? value[0] : value;
  return nonce && /^[A-Za-z0-9+/_-]{16,128}={0,2}$/.test(nonce) ? nonce : undefined;
}

/** The locale arrives in a header: a malformed one falls back rather than making Intl throw while rendering. */
function canonicalLocale(value: string | undefined): string {
  if (!value) return DEFAULT_LOCALE;
  try {
    return Intl.getCanonicalLocales(value)[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function toPodiumContext(raw: Record<string, unknown> | undefined): PodiumContext {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const context: PodiumContext = { locale: canonicalLocale(text(raw?.locale)) };
  for (const key of [
    'mountOrigin',
    'mountPathname',
    'publicPathname',
    'requestedBy',
    'deviceType',
    'debug',
  ] as const) {
    const value = text(raw?.[key]);
    if (value !== undefined) context[key] = value;
  }
  return context;
}
