import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SessionSigner } from '@storefront/auth';

/** The pages the stand-in composes (the dashboard's paths). */
const PAGES = ['/', '/account', '/account/profile', '/account/notifications', '/signin', '/signup'];

const storeBundle = fileURLToPath(import.meta.resolve('@storefront/store/browser-bundle'));

export interface ComposedPageOptions {
  podletUrl: string;
  signer: SessionSigner;
  /** The orders GET /api/orders lists for a signed-in visitor. */
  orders: unknown[];
}

interface Account {
  id: string;
  email: string;
  name: string;
  password: string;
}

function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name) cookies[name] = decodeURIComponent(value.join('='));
  }
  return cookies;
}

const problem = (res: ServerResponse, status: number, detail: string) =>
  res
    .writeHead(status, { 'content-type': 'application/problem+json' })
    .end(JSON.stringify({ type: 'about:blank', title: 'Problem', status, detail }));

async function readJson(req: IncomingMessage): Promise<Record<string, string>> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return JSON.parse(body || '{}') as Record<string, string>;
}

/**
 * A stand-in for the gateway and the layout: one origin serving a page composed around the podlet's fragment (with
 * the import map for the shared store and the podlet's assets from its manifest), the podlet under
 * /_fragments/user-dashboard/, and small fakes of the user and order services under /api.
 */
export async function startComposedPage(options: ComposedPageOptions) {
  const accounts = new Map<string, Account>();
  const calls: { method: string; url: string; csrf: string | undefined }[] = [];

  const page = async (req: IncomingMessage, res: ServerResponse) => {
    const manifest = (await (await fetch(`${options.podletUrl}/manifest.json`)).json()) as {
      js: { value: string }[];
      css: { value: string }[];
    };
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const fragment = await (
      await fetch(`${options.podletUrl}${path}`, {
        headers: { cookie: req.headers.cookie ?? '', 'podium-mount-pathname': path },
      })
    ).text();
    const css = manifest.css.map((asset) => `<link rel="stylesheet" href="${asset.value}">`).join('');
    const js = manifest.js.map((asset) => `<script type="module" src="${asset.value}"></script>`).join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html><head><meta charset="utf-8"><title>Account</title>` +
        `<script type="importmap">{"imports":{"@storefront/store/browser":"/_shared/store.js"}}</script>${css}</head>` +
        `<body><header>Storefront</header><main><section class="slot">${fragment}</section></main>` +
        // Remembers the server-rendered nodes, so a test can tell hydration (same nodes) from a re-render.
        `<script>window.__ssrForm = document.querySelector('[data-fragment="user-dashboard"] form');</script>` +
        `${js}</body></html>`,
    );
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const cookies = parseCookies(req.headers.cookie ?? '');
    const csrf = req.headers['x-csrf-token'] as string | undefined;
    calls.push({ method: req.method ?? 'GET', url: url.pathname, csrf });
    if (req.method !== 'GET' && (!csrf || csrf !== cookies.sf_csrf)) {
      return problem(res, 403, 'Missing or invalid CSRF token.');
    }
    const signIn = async (account: Account, status: number) => {
      const token = await options.signer.sign({ ...account, role: 'customer', sessionId: randomUUID() });
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'set-cookie': `sf_session=${token}; Path=/; HttpOnly; SameSite=Lax`,
        })
        .end(
          JSON.stringify({
            id: account.id,
            email: account.email,
            name: account.name,
            role: 'customer',
            createdAt: new Date().toISOString(),
          }),
        );
    };
    if (req.method === 'POST' && url.pathname === '/api/users/register') {
      const body = await readJson(req);
      if (!body.password || body.password.length < 8) {
        return problem(res, 400, 'password must be at least 8 characters');
      }
      const account = { id: randomUUID(), email: body.email!, name: body.name!, password: body.password };
      accounts.set(account.email, account);
      return signIn(account, 201);
    }
    if (req.method === 'POST' && url.pathname === '/api/users/login') {
      const body = await readJson(req);
      const account = accounts.get(body.email ?? '');
      if (!account || account.password !== body.password)
        return problem(res, 401, 'Wrong email or password.');
      return signIn(account, 200);
    }
    if (req.method === 'POST' && url.pathname === '/api/users/logout') {
      res.writeHead(204, { 'set-cookie': 'sf_session=; Path=/; Max-Age=0' }).end();
      return;
    }
    if (req.method === 'PATCH' && url.pathname === '/api/users/me') {
      // Refuses every change the way the user service refuses a bad phone number.
      await readJson(req);
      res.writeHead(400, { 'content-type': 'application/problem+json' }).end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'Invalid body: phone must be an international number',
          errors: [{ path: 'phone', message: 'must be an international number' }],
        }),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/orders') {
      if (!cookies.sf_session) return problem(res, 401, 'Sign in first.');
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ items: options.orders }));
      return;
    }
    return problem(res, 404, 'Not found.');
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://page');
    const handle = async () => {
      if (PAGES.includes(url.pathname)) return page(req, res);
      if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
      if (url.pathname === '/_shared/store.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(storeBundle));
        return;
      }
      if (url.pathname.startsWith('/_fragments/user-dashboard/')) {
        const upstream = await fetch(
          `${options.podletUrl}${url.pathname.slice('/_fragments/user-dashboard'.length)}`,
        );
        res
          .writeHead(upstream.status, {
            'content-type': upstream.headers.get('content-type') ?? 'text/plain',
          })
          .end(Buffer.from(await upstream.arrayBuffer()));
        return;
      }
      if (url.pathname.startsWith('/api/')) return api(req, res, url);
      res.writeHead(404).end();
    };
    handle().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
