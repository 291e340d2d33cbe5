import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProductService, type ProductService } from '@storefront/product-service/testing';
import { csrf } from '@storefront/testkit';
import type { Send } from '../src/ui/preview.js';
import { startPreview } from '../src/ui/preview.js';

// "Preview drafts on the storefront" is sent by JavaScript with the CSRF header: the service's form-post handling
// drops the `_csrf` field before the editors' routes check it, so the plain form post answered 403.
describe('an editor starts previewing drafts from the product list', () => {
  let service: ProductService;

  beforeAll(async () => {
    service = await startProductService();
  });
  afterAll(async () => {
    await service?.close();
  });

  /** sendJson as the browser sends it through the gateway (`/api` stripped), for a visitor with this session. */
  function sendAs(session: string, cookies: string[]): Send {
    return async (method, url, body) => {
      const response = await fetch(`${service.url}${url.replace(/^\/api/, '')}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...csrf.headers,
          cookie: `${csrf.cookie}; ${session}`,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      cookies.push(...response.headers.getSetCookie());
      const data: unknown = await response.json().catch(() => null);
      return response.ok
        ? { ok: true, data }
        : {
            ok: false,
            problem: { title: String((data as { title?: string })?.title), status: response.status },
          };
    };
  }

  it('gets the preview cookie and opens the storefront', async () => {
    const cookies: string[] = [];
    const opened: string[] = [];
    const editor = await service.auth.sessionCookie({ role: 'editor' });
    const problem = await startPreview(sendAs(editor, cookies), (path) => opened.push(path));
    expect(problem).toBeNull();
    expect(cookies.some((cookie) => /^sf_preview=[^;]+;.*HttpOnly/i.test(cookie))).toBe(true);
    expect(opened).toEqual(['/']);
  });

  it('shows the problem and stays on the page for a customer', async () => {
    const cookies: string[] = [];
    const opened: string[] = [];
    const customer = await service.auth.sessionCookie({ role: 'customer' });
    const problem = await startPreview(sendAs(customer, cookies), (path) => opened.push(path));
    expect(problem?.status).toBe(403);
    expect(cookies.some((cookie) => cookie.startsWith('sf_preview='))).toBe(false);
    expect(opened).toEqual([]);
  });
});
