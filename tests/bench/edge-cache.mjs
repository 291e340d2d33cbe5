// The edge cache under a crowd: anonymous pages against their static copies, signed-in visitors with a session
// each, an editor's preview, the time from an editor's change to what anonymous visitors see, an overload of
// signed-in visitors (stale copies counted apart from fallbacks), and what each part costs to render with no cache.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parts } from '../../scripts/stack.mjs';
import { account, load, sleep, startGateway, startStaticNginx, treeCpuMs } from './lib/tools.mjs';

const ratio = (a, b) => (b ? Math.round((a / b) * 100) / 100 : null);

/** The first 200 OK answer's body of `url` (a fresh copy, so it also warms the caches on the way). */
async function body(url, headers = {}) {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.text();
}

/** A second gateway on the stack with GATEWAY_CACHE=off: every include renders for every request. */
export const startUncachedGateway = ({ stack, runDir }, name, gatewayPort) =>
  startGateway(name, { baseEnv: stack.env, port: gatewayPort, env: { GATEWAY_CACHE: 'off' }, runDir });

/** Pages an anonymous visitor from a search engine lands on. */
export async function anonymousPages(gateway) {
  const categories = JSON.parse(await body(`${gateway}/api/products/categories`)).items;
  const [product] = JSON.parse(await body(`${gateway}/api/products?page=1&pageSize=1`)).items;
  return { home: '/', category: `/c/${categories[0].slug}`, product: `/products/${product.slug}` };
}

/**
 * (7) Each anonymous page at `crowd` connections: through the gateway with its cache, through one without it
 * (GATEWAY_CACHE=off), and the same bytes as a static file in nginx.
 */
export async function anonymousCrowd({ gateway, stack, crowd, duration, port, runDir }) {
  const pages = await anonymousPages(gateway);
  const uncached = await startUncachedGateway({ stack, runDir }, 'cache-off', port(8084));
  const rows = {};
  const goals = {};
  for (const [name, path] of Object.entries(pages)) {
    const html = await body(`${gateway}${path}`);
    const staticServer = await startStaticNginx({ html, port: port(8091), runDir, name: `static-${name}` });
    await body(`${gateway}${path}`);
    const cached = await load(`${gateway}${path}`, { connections: crowd, duration });
    const off = await load(`${uncached.url}${path}`, { connections: crowd, duration });
    const same = await load(`${staticServer.url}/`, { connections: crowd, duration });
    await staticServer.stop();
    rows[`${name}: cache on`] = cached;
    rows[`${name}: cache off`] = off;
    rows[`${name}: static copy`] = same;
    goals[name] = {
      'cached / static req/s': ratio(cached.reqPerSec, same.reqPerSec),
      'cached / cache off req/s': ratio(cached.reqPerSec, off.reqPerSec),
      'cached p99 ms': cached.p99,
      'degraded + errors (cached)': cached.degraded + cached.errors,
    };
  }
  await uncached.stop();
  return { rows, goals };
}

/** Registers `count` customers straight at the user service; answers their cookies (session + CSRF). */
export async function customers({ userUrl, count, label }) {
  const cookies = [];
  for (let i = 0; i < count; i += 1) {
    const customer = {
      email: `${label}-${i}-${Date.now()}@bench.test`,
      password: 'bench-password-1',
      name: `${label} ${i}`,
    };
    cookies.push((await account(userUrl, customer, 'register')).cookie);
  }
  return cookies;
}

/** (8) The home page signed in, every request with the next of `sessions` (its own header and cart). */
export async function signedInCrowd({ gateway, sessions, crowd, duration }) {
  await body(`${gateway}/`, { cookie: sessions[0] });
  const run = await load(`${gateway}/`, {
    connections: crowd,
    duration,
    headersFor: (i) => ({ cookie: sessions[i % sessions.length] }),
  });
  return { 'signed-in home': run };
}

/** (9) An editor's preview of a product page: never cached, rendered for each request. */
export async function previewCrowd({ gateway, editorCookie, crowd, duration }) {
  const { product } = await anonymousPages(gateway);
  const res = await fetch(`${gateway}/api/products/preview-token`, {
    method: 'POST',
    headers: { cookie: editorCookie.cookie, 'x-csrf-token': editorCookie.token },
  });
  if (!res.ok) throw new Error(`preview token: ${res.status} ${await res.text()}`);
  const preview = res.headers
    .getSetCookie()
    .find((line) => line.startsWith('sf_preview='))
    ?.split(';')[0];
  const headers = { cookie: `${editorCookie.cookie}; ${preview}` };
  const page = await fetch(`${gateway}${product}`, { headers });
  await page.text();
  const run = await load(`${gateway}${product}`, { connections: crowd, duration, headers });
  return {
    rows: { 'editor preview (product page)': run },
    'preview answer cache-control': page.headers.get('cache-control'),
    'preview answer x-cache': page.headers.get('x-cache'),
  };
}

/**
 * (10) From an editor's change to what anonymous visitors see: a new price on a product page, a draft published
 * on its own page, each polled every 50 ms by an anonymous visitor while a crowd keeps the page hot.
 */
export async function publishToVisible({ gateway, editorCookie }) {
  const editorHeaders = {
    'content-type': 'application/json',
    cookie: editorCookie.cookie,
    'x-csrf-token': editorCookie.token,
  };
  const api = async (method, path, json) => {
    const res = await fetch(`${gateway}/api/products${path}`, {
      method,
      headers: editorHeaders,
      body: JSON.stringify(json),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const until = async (path, test) => {
    const started = Date.now();
    while (Date.now() - started < 30_000) {
      const res = await fetch(`${gateway}${path}`);
      if (test(res.status, await res.text())) return Date.now() - started;
      await sleep(50);
    }
    return null;
  };
  const [product] = JSON.parse(await body(`${gateway}/api/products?page=1&pageSize=1`)).items;
  const path = `/products/${product.slug}`;
  await body(`${gateway}${path}`);
  const cents = product.priceMinor + 1234;
  const shown = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  await api('PATCH', `/manage/${product.id}`, { priceMinor: cents });
  const priceMs = await until(path, (status, html) => status === 200 && html.includes(shown));

  const slug = `bench-publish-${Date.now()}`;
  const draft = await api('POST', '', {
    name: 'Bench Publish Lamp',
    slug,
    description: 'Published by the benchmark.',
    priceMinor: 4200,
    currency: 'EUR',
    category: product.category,
    stock: 5,
    status: 'draft',
  });
  await body(`${gateway}/c/${product.category}`);
  await until(`/products/${slug}`, (status) => status === 404);
  await api('PATCH', `/manage/${draft.id}`, { status: 'published' });
  const publishMs = await until(
    `/products/${slug}`,
    (status, html) => status === 200 && html.includes('Bench Publish Lamp'),
  );
  return { 'price change → visible ms': priceMs, 'publish → product page ms': publishMs };
}

/**
 * (11) 128 signed-in visitors on the home and a category page. Every include is logged (GATEWAY_LOG_SUBREQUESTS),
 * so the run tells stale copies (a part served its last good copy) from fallbacks (no copy: the generic text).
 */
export async function overload({ stack, sessions, duration, port, runDir, connections = 128 }) {
  const log = join(runDir, 'overload-access.log');
  rmSync(log, { force: true });
  const watched = await startGateway('overload', {
    baseEnv: stack.env,
    port: port(8085),
    env: { GATEWAY_ACCESS_LOG: log, GATEWAY_LOG_SUBREQUESTS: 'on' },
    runDir,
  });
  const pages = await anonymousPages(watched.url);
  for (const path of [pages.home, pages.category])
    await body(`${watched.url}${path}`, { cookie: sessions[0] });
  const rows = {};
  for (const path of [pages.home, pages.category]) {
    rows[`${path} (signed in)`] = await load(`${watched.url}${path}`, {
      connections,
      duration,
      headersFor: (i) => ({ cookie: sessions[i % sessions.length] }),
    });
  }
  await watched.stop();
  const includes = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.path.startsWith('/_fragments/') || entry.path.startsWith('/_layout/personal/'));
  const count = (test) => includes.filter(test).length;
  return {
    rows,
    includes: {
      total: includes.length,
      'stale copies': count((entry) => entry.cache === 'STALE' || entry.cache === 'UPDATING'),
      'fallbacks (podlet or placeholder)': count((entry) =>
        /^\/(fallback|_layout\/fallbacks)/.test(entry.path),
      ),
    },
  };
}

/**
 * (12) What each part of the home page costs to render with no cache: CPU time (user + system, from /proc) per
 * request of the part's processes over `count` requests one after another, which holds whatever else the machine
 * is doing; and for the whole page without a cache, the CPU of every part and the gateway.
 */
export async function renderCost({ stack, gateway, port, runDir, count = 200 }) {
  const context = {
    'podium-mount-pathname': '/',
    'podium-mount-origin': gateway,
    'podium-locale': 'en-US',
    'x-page-csrf-token': 'b'.repeat(40),
    'x-csp-nonce': 'n'.repeat(32),
  };
  const uncached = await startUncachedGateway({ stack, runDir }, 'render-cost', port(8086));
  const everyPart = parts.map((part) => part.name);
  const measure = async (url, pids, headers = context) => {
    await body(url, headers);
    const before = pids.reduce((sum, pid) => sum + treeCpuMs(pid), 0);
    const started = performance.now();
    for (let i = 0; i < count; i += 1) await body(url, headers);
    const wall = (performance.now() - started) / count;
    const cpu = (pids.reduce((sum, pid) => sum + treeCpuMs(pid), 0) - before) / count;
    return {
      'CPU ms per request': Math.round(cpu * 100) / 100,
      'wall ms per request': Math.round(wall * 10) / 10,
    };
  };
  const pid = (name) => [stack.partPid(name)];
  const rows = {
    'product-catalog / (home)': await measure(
      `${stack.partUrls['product-catalog']}/`,
      pid('product-catalog'),
    ),
    'product-catalog /c/<category>': await measure(
      `${stack.partUrls['product-catalog']}${(await anonymousPages(gateway)).category}`,
      pid('product-catalog'),
    ),
    'order-management /mini-cart': await measure(
      `${stack.partUrls['order-management']}/mini-cart`,
      pid('order-management'),
    ),
    'user-dashboard /': await measure(`${stack.partUrls['user-dashboard']}/`, pid('user-dashboard')),
    'layout personal header': await measure(
      `${stack.partUrls.layout}/_layout/personal/header`,
      pid('layout'),
    ),
    'layout shell alone': await measure(`${stack.partUrls.layout}/`, pid('layout')),
    'composed home, cache off (every part + gateway)': await measure(
      `${uncached.url}/`,
      [...everyPart.map((name) => stack.partPid(name)), uncached.pid],
      {},
    ),
  };
  await uncached.stop();
  return rows;
}
