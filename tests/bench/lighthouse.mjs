// `npm run lighthouse`: Lighthouse 12 (mobile defaults: a mid-range phone on slow 4G, simulated) against a
// throw-away storefront (bench ports, own databases) in Debian's Chromium, on the public pages and a signed-in
// account page. Prints one table and writes tests/bench/results/lighthouse-<time>.json.
// Environment: BENCH_PORT_OFFSET (20000), CHROME_PATH (/usr/bin/chromium), LIGHTHOUSE_RUNS (1: the median run of
// each page by performance score is kept), LIGHTHOUSE_PAGES (comma-separated names, e.g. "home,product").
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { encodeCartCookie } from '@storefront/store';
import { repoRoot, startBenchStack } from './lib/stack.mjs';
import { account, csrfCookie } from './lib/tools.mjs';

/** What this environment needs: no sandbox (containers), no GPU, nothing Chromium would fetch on its own. */
export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 1);
const pickedPages = process.env.LIGHTHOUSE_PAGES?.split(',').map((name) => name.trim());
const resultsDir = join(repoRoot, 'tests/bench/results');

/** The pages audited: a visitor's path through the shop, and a signed-in customer's account page. */
async function pagesOf(stack) {
  const listing = await (await fetch(`${stack.url}/api/products?page=1&pageSize=1`)).json();
  const product = listing.items?.[0];
  if (!product) throw new Error('the bench stack has no product to audit');
  const email = `lighthouse-${Date.now()}@bench.test`;
  const customer = await account(
    stack.partUrls.user,
    { email, password: 'lighthouse-password', name: 'Lighthouse Customer' },
    'register',
  );
  const cart = encodeCartCookie([
    {
      productId: product.id,
      slug: product.slug,
      name: product.name,
      priceMinor: product.priceMinor,
      currency: product.currency,
      quantity: 1,
    },
  ]);
  return [
    { name: 'home', path: '/' },
    { name: 'category', path: `/c/${encodeURIComponent(product.category)}` },
    { name: 'product', path: `/products/${encodeURIComponent(product.slug)}` },
    { name: 'cart', path: '/cart', cookie: `sf_cart=${cart}; ${csrfCookie}` },
    { name: 'account', path: '/account', cookie: customer.cookie },
  ].filter((page) => !pickedPages || pickedPages.includes(page.name));
}

const kib = (bytes) => Math.round(bytes / 102.4) / 10;
const ms = (value) => Math.round(value);

/** The figures of one report that the goals are stated in. */
function figures(lhr) {
  const audit = (id) => lhr.audits[id];
  const scripts = audit('resource-summary')?.details?.items?.find((item) => item.resourceType === 'script');
  const css = audit('resource-summary')?.details?.items?.find((item) => item.resourceType === 'stylesheet');
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  return {
    performance: score('performance'),
    fcpMs: ms(audit('first-contentful-paint').numericValue),
    lcpMs: ms(audit('largest-contentful-paint').numericValue),
    tbtMs: ms(audit('total-blocking-time').numericValue),
    cls: Math.round(audit('cumulative-layout-shift').numericValue * 1000) / 1000,
    jsKiB: kib(scripts?.transferSize ?? 0),
    cssKiB: kib(css?.transferSize ?? 0),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    scripts: (audit('network-requests')?.details?.items ?? [])
      .filter((item) => item.resourceType === 'Script')
      .map((item) => `${new URL(item.url).pathname} ${kib(item.transferSize ?? 0)}`),
    // What Lighthouse would fix first: the opportunities and failed audits that cost the most.
    failing: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
      .map((a) => a.id),
  };
}

async function audit(chrome, url, cookie) {
  const result = await lighthouse(
    url,
    {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    },
    // Mobile defaults: Lighthouse's default config is the mobile one (Moto G Power, slow 4G, 4x CPU slowdown).
    undefined,
  );
  if (!result?.lhr) throw new Error(`Lighthouse returned no report for ${url}`);
  if (result.lhr.runtimeError) throw new Error(`${url}: ${result.lhr.runtimeError.message}`);
  return result.lhr;
}

/** Headless Chromium now and then loses a trace (NO_NAVSTART: "Please run Lighthouse again"): up to 3 tries. */
async function auditAgainOnTraceLoss(chrome, url, cookie) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await audit(chrome, url, cookie);
    } catch (error) {
      if (attempt === 3 || !/run Lighthouse again/.test(String(error))) throw error;
      console.warn(`${String(error)}: trying again`);
    }
  }
}

const median = (list) => [...list].sort((a, b) => a.performance - b.performance)[Math.floor(list.length / 2)];

const stack = await startBenchStack({ runDir: join(repoRoot, 'tests/results/lighthouse-run') });
let chrome;
const rows = {};
try {
  const pages = await pagesOf(stack);
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  });
  for (const page of pages) {
    const url = `${stack.url}${page.path}`;
    // Once through the gateway first: the edge cache holds the page as it would for any visitor after the first.
    await fetch(url, { headers: page.cookie ? { cookie: page.cookie } : {} });
    const measured = [];
    for (let run = 0; run < runs; run += 1)
      measured.push(figures(await auditAgainOnTraceLoss(chrome, url, page.cookie)));
    rows[page.name] = { path: page.path, ...median(measured) };
  }
} finally {
  await chrome?.kill();
  await stack.stop();
}

console.log('\n## Lighthouse 12, mobile defaults');
console.table(
  Object.fromEntries(
    Object.entries(rows).map(([name, row]) => [
      name,
      {
        perf: row.performance,
        'FCP ms': row.fcpMs,
        'LCP ms': row.lcpMs,
        'TBT ms': row.tbtMs,
        CLS: row.cls,
        'JS KiB': row.jsKiB,
        'CSS KiB': row.cssKiB,
        a11y: row.accessibility,
        BP: row.bestPractices,
        SEO: row.seo,
      },
    ]),
  ),
);
for (const [name, row] of Object.entries(rows))
  console.log(`${name} below 0.9: ${row.failing.join(', ') || '-'}`);
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ startedAt: new Date().toISOString(), runs, pages: rows }, null, 2));
console.log(`\nwritten to ${file}`);
process.exit(0);
