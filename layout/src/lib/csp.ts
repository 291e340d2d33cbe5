// The page's Content-Security-Policy nonce. nginx makes one per page ($request_id) and sends it as `x-csp-nonce`,
// with the page's CSP response header; without nginx (COMPOSITION=podium under `next dev`) the proxy makes its own.
// The proxy puts the policy on the request too: Next.js reads the nonce from it and stamps its own scripts.

/** The request header carrying the page's nonce (to the layout, and from nginx or the layout to every fragment). */
export const CSP_NONCE_HEADER = 'x-csp-nonce';

/** A nonce goes into attributes and a header: only a plain base64/hex token of sane length is accepted. */
export function validNonce(value: string | null | undefined): string | undefined {
  return value && /^[A-Za-z0-9+/_-]{16,128}={0,2}$/.test(value) ? value : undefined;
}

/** 16 random bytes as base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * The policy of an HTML page, the same as nginx's (nginx/render.mjs): scripts only from the origin or inline with
 * this page's nonce. Styles keep 'unsafe-inline' (Angular's and Vue's component styles are inline `<style>`).
 */
export function pagePolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
