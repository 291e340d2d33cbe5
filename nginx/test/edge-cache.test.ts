// The edge cache: public answers (the shell, public fragments, the anonymous personal header) kept per URL for
// seconds, stamped per response with the visitor's nonce and CSRF token, and the last good copy of a fragment served
// before its fallback. Real nginx from render.mjs; node stubs stand in for the layout and the podlets.
import type { ServerResponse } from 'node:http';
import { CSRF_TOKEN_PATTERN } from '@storefront/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_TOKEN_NGINX } from '../render.mjs';
import { get, sleep, startGateway, startStub, type Gateway, type SeenRequest, type Stub } from './gateway.js';

const include = (path: string) => `<!--# include virtual="${path}" -->`;

/** The layout stand-in: a public shell for `/shop/…` (X-Accel-Expires: 1), the header's personal part per cookie. */
function layoutHandler(state: { version: number }) {
  return (req: SeenRequest, res: ServerResponse) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/_layout/personal/header') {
      const cookie = req.headers.cookie ?? '';
      if (cookie.includes('sf_session=broken')) {
        res.writeHead(500);
        res.end();
        return;
      }
      const name = /sf_session=([a-z]+)/.exec(cookie)?.[1];
      const anonymous = !/sf_session=|sf_cart=/.test(cookie);
      res.writeHead(200, {
        'content-type': 'text/html',
        'cache-control': anonymous ? 'public, max-age=60' : 'private, no-store',
      });
      res.end(
        `<span data-user="${name ?? 'nobody'}">${name ?? 'Sign in'}</span>` +
          `<form data-sign-out><input name="_csrf" value="${String(req.headers['x-page-csrf-token'])}"></form>`,
      );
      return;
    }
    if (url.pathname.startsWith('/_layout/fallbacks/')) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'x-accel-expires': url.pathname.startsWith('/shop/') ? '1' : '0',
    });
    const nonce = String(req.headers['x-csp-nonce']);
    res.end(`<!doctype html><html><head><script nonce="${nonce}">window.shell=${state.version}</script></head><body>
<header>${include('/_layout/personal/header')}</header>
<p data-shell-version="${state.version}">shell v${state.version}</p>
<div data-slot="product-catalog">${include(`/_fragments/product-catalog${url.pathname}`)}</div>
<div data-slot="user-dashboard">${include('/_fragments/user-dashboard/')}</div>
<div data-slot="user-dashboard-account">${include('/_fragments/user-dashboard/account')}</div>
</body></html>`);
  };
}

/** A podlet stand-in whose answers are public (`public, max-age=1`) unless it is told to fail or hang. */
function podletHandler(name: string, state: { version: number; mode: 'ok' | 'fail' | 'hang' }) {
  return async (req: SeenRequest, res: ServerResponse) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/fallback') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<p data-fallback="${name}">generic fallback</p>`);
      return;
    }
    if (state.mode === 'hang') await sleep(3000);
    if (state.mode === 'fail') {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('down');
      return;
    }
    // As the dashboard does: a session makes the answer the visitor's own.
    const personal = name === 'user-dashboard' && /sf_session=/.test(req.headers.cookie ?? '');
    res.writeHead(200, {
      'content-type': 'text/html',
      'cache-control': personal ? 'private, no-store' : 'public, max-age=1, stale-if-error=86400',
    });
    res.end(
      `<section data-fragment="${name}" data-path="${path}" data-version="${state.version}">` +
        `<form><input name="_csrf" value="${String(req.headers['x-page-csrf-token'])}"></form>` +
        `${personal ? 'your account' : 'for everyone'}</section>`,
    );
  };
}

const csrfOf = (i: number) => `${String(i).padStart(2, '0')}${'t'.repeat(38)}`;
const count = (stub: Stub, test: (req: SeenRequest) => boolean) => stub.requests.filter(test).length;

describe('the edge cache', () => {
  const shell = { version: 1 };
  const catalogState = { version: 1, mode: 'ok' as 'ok' | 'fail' | 'hang' };
  const dashboardState = { version: 1, mode: 'ok' as 'ok' | 'fail' | 'hang' };
  let layout: Stub;
  let catalog: Stub;
  let dashboard: Stub;
  let gateway: Gateway;

  beforeAll(async () => {
    layout = await startStub(layoutHandler(shell));
    catalog = await startStub(podletHandler('product-catalog', catalogState));
    dashboard = await startStub(podletHandler('user-dashboard', dashboardState));
    const nowhere = 'http://127.0.0.1:9';
    gateway = await startGateway({
      LAYOUT_URL: layout.url,
      PRODUCT_CATALOG_URL: catalog.url,
      USER_DASHBOARD_URL: dashboard.url,
      ORDER_MANAGEMENT_URL: nowhere,
      USER_SERVICE_URL: nowhere,
      PRODUCT_SERVICE_URL: nowhere,
      ORDER_SERVICE_URL: nowhere,
      NOTIFICATION_SERVICE_URL: nowhere,
      COOKIE_SECURE: 'false',
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([layout, catalog, dashboard].map((stub) => stub?.close()));
  });

  describe('public pages', () => {
    it('when 20 visitors ask for a cold page at once, the shell and its fragment render once, and each answer carries its own nonce and its visitor’s token', async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          get(`${gateway.url}/shop/crowd`, { headers: { cookie: `sf_csrf=${csrfOf(i)}` } }),
        ),
      );
      expect(count(layout, (req) => req.url === '/shop/crowd')).toBe(1);
      expect(count(catalog, (req) => req.url === '/shop/crowd')).toBe(1);

      const nonces = answers.map((answer, i) => {
        const nonce = /'nonce-([0-9a-f]{32})'/.exec(String(answer.headers['content-security-policy']))?.[1];
        expect(answer.body).toContain(`<script nonce="${nonce}">`);
        // Every form of the page, shell and fragments, has this visitor's token; no placeholder is left.
        const tokens = [...answer.body.matchAll(/name="_csrf" value="([^"]*)"/g)].map((match) => match[1]);
        expect(tokens.length).toBeGreaterThanOrEqual(3);
        expect(new Set(tokens)).toEqual(new Set([csrfOf(i)]));
        expect(answer.body).not.toMatch(/sfnonce|sfcsrf/);
        return nonce;
      });
      expect(new Set(nonces).size).toBe(20);
    });

    it('when anonymous visitors and customers A and B alternate, nobody sees another’s name or token', async () => {
      const visitors = [
        { cookie: `sf_csrf=${csrfOf(50)}`, name: 'nobody' },
        { cookie: `sf_csrf=${csrfOf(51)}; sf_session=ann`, name: 'ann' },
        { cookie: `sf_csrf=${csrfOf(52)}; sf_session=bob`, name: 'bob' },
      ];
      for (let round = 0; round < 5; round += 1) {
        const answers = await Promise.all(
          visitors.map((visitor) =>
            get(`${gateway.url}/shop/mixed`, { headers: { cookie: visitor.cookie } }),
          ),
        );
        answers.forEach((answer, i) => {
          const users = [...answer.body.matchAll(/data-user="([a-z]+)"/g)].map((match) => match[1]);
          expect(users).toEqual([visitors[i]!.name]);
          const tokens = new Set([...answer.body.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]));
          expect(tokens).toEqual(new Set([csrfOf(50 + i)]));
        });
      }
    });

    it('when the shell is cached, the layout never sees a session or cart cookie', async () => {
      await get(`${gateway.url}/shop/cookies`, { headers: { cookie: 'sf_session=ann; sf_cart=x; other=1' } });
      const shellRequests = layout.requests.filter((req) => req.url === '/shop/cookies');
      expect(shellRequests).toHaveLength(1);
      expect(shellRequests[0]!.headers.cookie).toBeUndefined();
      // The personal part is the one place that reads them.
      const personal = layout.requests.filter((req) => req.url === '/_layout/personal/header').at(-1)!;
      expect(personal.headers.cookie).toContain('sf_session=ann');
    });

    it('when a page is asked again within its second, nothing renders again; after it, the change shows within 2 s', async () => {
      await get(`${gateway.url}/shop/fresh`);
      await get(`${gateway.url}/shop/fresh`);
      expect(count(layout, (req) => req.url === '/shop/fresh')).toBe(1);
      shell.version = 2;
      catalogState.version = 2;
      const started = Date.now();
      let body = '';
      while (Date.now() - started < 3000) {
        body = (await get(`${gateway.url}/shop/fresh`)).body;
        if (body.includes('data-shell-version="2"') && body.includes('data-version="2"')) break;
        await sleep(100);
      }
      expect(body).toContain('data-shell-version="2"');
      expect(body).toMatch(/data-fragment="product-catalog"[^>]*data-version="2"/);
      expect(Date.now() - started).toBeLessThan(2500);
    });

    it('when a preview is on, the page neither comes from nor goes into the cache', async () => {
      await get(`${gateway.url}/shop/preview`);
      const asked = () => count(layout, (req) => req.url === '/shop/preview');
      await get(`${gateway.url}/shop/preview`, { headers: { cookie: 'sf_preview=token' } });
      await get(`${gateway.url}/shop/preview`, { headers: { 'x-preview-token': 'token' } });
      expect(asked()).toBe(3);
      const catalogAsked = count(catalog, (req) => req.url === '/shop/preview');
      expect(catalogAsked).toBe(3);
    });
  });

  describe('personal parts', () => {
    it('when signed in, a visitor shares the home box of the dashboard (rendered without cookies) but gets their own account', async () => {
      await get(`${gateway.url}/shop/dashboard`);
      const home = () => count(dashboard, (req) => req.url === '/');
      const account = () => count(dashboard, (req) => req.url === '/account');
      const [homeBefore, accountBefore] = [home(), account()];
      const answer = await get(`${gateway.url}/shop/dashboard`, { headers: { cookie: 'sf_session=ann' } });
      expect(home()).toBe(homeBefore);
      expect(account()).toBe(accountBefore + 1);
      expect(answer.body).toContain('your account');
      expect(answer.body).toMatch(/data-path="\/"[^>]*>.*for everyone/);
    });

    it('when anonymous, visitors share one personal header; with a session or a cart, each gets their own', async () => {
      const asked = () => count(layout, (req) => req.url === '/_layout/personal/header');
      await get(`${gateway.url}/shop/header`);
      const before = asked();
      await get(`${gateway.url}/shop/header`);
      expect(asked()).toBe(before);
      await get(`${gateway.url}/shop/header`, { headers: { cookie: 'sf_cart=x' } });
      await get(`${gateway.url}/shop/header`, { headers: { cookie: 'sf_session=ann' } });
      expect(asked()).toBe(before + 2);
    });
  });

  it('accepts as a CSRF token exactly what the services accept (the two deployables each keep the shape)', () => {
    expect(CSRF_TOKEN_NGINX).toBe(CSRF_TOKEN_PATTERN.source);
  });

  it('when a visitor asks for the personal part or a fragment directly, it is not there', async () => {
    for (const path of [
      '/_layout/personal/header',
      '/_fragments/product-catalog/shop/x',
      '/_fragments/user-dashboard/',
    ])
      expect((await get(`${gateway.url}${path}`)).status, path).toBe(404);
  });

  describe('when the personal part fails', () => {
    it('the page is whole and its header claims no sign-in state it does not know', async () => {
      const answer = await get(`${gateway.url}/shop/broken-header`, {
        headers: { cookie: 'sf_session=broken' },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('<header><span data-fragment-unavailable="header"></span>');
      expect(answer.body).not.toMatch(/Sign in|data-user=/);
      expect(answer.body).toContain('data-fragment="product-catalog"');
    });
  });

  describe('stale before fallback', () => {
    it('when a podlet fails after its fragment was cached, visitors get the last good copy, not the generic fallback', async () => {
      catalogState.mode = 'ok';
      await get(`${gateway.url}/shop/stale-error`);
      await sleep(1200);
      catalogState.mode = 'fail';
      try {
        const answer = await get(`${gateway.url}/shop/stale-error`);
        expect(answer.body).toMatch(/data-fragment="product-catalog" data-path="\/shop\/stale-error"/);
        expect(answer.body).not.toContain('data-fallback="product-catalog"');
        // A page the podlet never answered gets the fallback.
        const never = await get(`${gateway.url}/shop/never-cached`);
        expect(never.body).toContain('data-fallback="product-catalog"');
      } finally {
        catalogState.mode = 'ok';
      }
    });

    it('when a podlet hangs after its fragment was cached, the last good copy comes within the budget', async () => {
      await get(`${gateway.url}/shop/stale-hang`);
      await sleep(1200);
      catalogState.mode = 'hang';
      try {
        // The first visitor after the second triggers the refresh in the background and gets the copy at once.
        const answer = await get(`${gateway.url}/shop/stale-hang`);
        expect(answer.body).toMatch(/data-fragment="product-catalog" data-path="\/shop\/stale-hang"/);
        expect(answer.ms).toBeLessThan(1500);
      } finally {
        catalogState.mode = 'ok';
      }
    });
  });
});
