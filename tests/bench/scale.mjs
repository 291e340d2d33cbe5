// `npm run bench:scale`: the storefront at real size (issue "data at real scale"). On a throw-away stack (ports
// +BENCH_PORT_OFFSET, own databases) it seeds SCALE_PRODUCTS / SCALE_CUSTOMERS / SCALE_ORDERS (default 100,000 /
// 100,000 / 1,000,000) through `npm run seed`'s code, beside a catalog of the demo size that runs all along, and
// measures: the catalog pages at both sizes in turns, the product service with its cache off, a customer's orders,
// the admin's user list, the dev server's sign-in lookup and startup, and a relay's claim with a million sent rows
// behind it. Prints the table and writes tests/bench/results/scale-<time>.json.
// Environment: BENCH_DURATION (s per load run, default 10), BENCH_WARMUP (s of untimed load before each, 3),
// SCALE_CONNECTIONS (32), SCALE_PAGE_RUNS (turns of each page at both sizes, the median ratio counts: 3),
// BENCH_PORT_OFFSET (20000).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { MongoClient } from 'mongodb';
import waitOn from 'wait-on';
import { DEFAULT_PAGE_SIZE } from '@storefront/contracts';
import { startMongoDevServer } from '@storefront/mongo-devserver';
import { createPostgresDatabase, createRabbitVhost, createRedisPrefix } from '@storefront/testkit';
import { SEED_CUSTOMER_PASSWORD_DEFAULT, seed } from '../../scripts/seed.mjs';
import { createOutboxStore as pgOutbox } from '../../services/product/dist/data-access/outbox-store.js';
import { createOutboxStore as mysqlOutbox } from '../../services/order/dist/data-access/outbox-store.js';
import { scaleProductAt } from '../../services/product/dist/data-access/seed-catalog.js';
import { scaleCustomerEmail } from '../../services/user/dist/data-access/bulk-seed.js';
import { encodeUserListCursor } from '../../services/user/dist/domain/user-list-cursor.js';
import { repoRoot, startBenchStack } from './lib/stack.mjs';
import { csrfToken, load, startProcess, stopAll } from './lib/tools.mjs';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.SCALE_CONNECTIONS ?? 32);
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 3);
const offset = Number(process.env.BENCH_PORT_OFFSET ?? 20_000);
const counts = {
  products: Number(process.env.SCALE_PRODUCTS ?? 100_000),
  customers: Number(process.env.SCALE_CUSTOMERS ?? 100_000),
  orders: Number(process.env.SCALE_ORDERS ?? 1_000_000),
};
const SENT_OUTBOX_ROWS = Number(process.env.SCALE_SENT_ROWS ?? 1_000_000);
const USER_PAGES = 20;
const PAGE_RUNS = Number(process.env.SCALE_PAGE_RUNS ?? 3);
const runDir = join(repoRoot, 'tests/results/bench-run');
const resultsDir = join(repoRoot, 'tests/bench/results');
const csrfCookie = `sf_csrf=${csrfToken}`;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Times `work` `times` times one after another (`between` runs untimed after each); mean, p50, p99 in ms. */
async function timed(times, work, between = async () => {}) {
  const ms = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work(i);
    ms.push(performance.now() - started);
    await between();
  }
  return {
    mean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    p50: round(percentile(ms, 50)),
    p99: round(percentile(ms, 99)),
  };
}

/**
 * Distinct paths so that no cache answers them all: every n-th product of the catalog, a page of each sort.
 * `pageSizes` (per category) asks pages of that many products instead of the catalog's default.
 */
function catalogPaths(slugs, categories, pageSizes = {}) {
  const sorts = ['name', 'price', '-price', 'newest'];
  const sized = (category) => (pageSizes[category] ? `&pageSize=${pageSizes[category]}` : '');
  return {
    product: slugs.map((slug) => `/products/${slug}`),
    category: categories.flatMap((category) =>
      sorts.map((sort) => `/c/${category}?sort=${sort}${sized(category)}`),
    ),
  };
}

async function signIn(userUrl, email, password) {
  const res = await fetch(`${userUrl}/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .find((line) => line.startsWith('sf_session='))
    ?.split(';')[0];
  return `${session}; ${csrfCookie}`;
}

/**
 * A load run after an untimed one of BENCH_WARMUP seconds on the same requests: what is measured is the service as it
 * runs all day (its code optimised by V8, its pools and caches filled), not its first seconds.
 */
async function measure(url, options) {
  await load(url, { ...options, duration: warmupSeconds });
  return load(url, options);
}

/**
 * A page at both sizes in turns, PAGE_RUNS times, the side that goes first alternating: each turn's ratio is of two
 * figures taken seconds apart, and the median turn counts. Measured before and after the seeding instead, minutes
 * apart, the same pages on the same data gave 0.87 and 1.29 back to back. The degraded answers and errors of every
 * turn are counted.
 */
async function pagesSideBySide(demo, scale) {
  const sides = { demo, scale };
  const turns = [];
  for (let turn = 0; turn < PAGE_RUNS; turn++) {
    const figures = {};
    for (const side of turn % 2 === 0 ? ['demo', 'scale'] : ['scale', 'demo'])
      figures[side] = await loadPaths(sides[side].base, sides[side].paths);
    turns.push({ ...figures, ratio: figures.scale.reqPerSec / figures.demo.reqPerSec });
  }
  const median = [...turns].sort((a, b) => a.ratio - b.ratio)[Math.floor(turns.length / 2)];
  const counted = (side) => ({
    ...median[side],
    ...Object.fromEntries(
      ['degraded', 'errors', '5xx'].map((key) => [
        key,
        turns.reduce((sum, turn) => sum + turn[side][key], 0),
      ]),
    ),
  });
  return {
    ratio: round(median.ratio),
    ratios: turns.map((turn) => round(turn.ratio)),
    demo: counted('demo'),
    scale: counted('scale'),
  };
}

/** Starts a part of the storefront from its build as a process of this run, and waits for its readiness. */
async function startPart(name, { dir, script, port, env }) {
  const part = startProcess(name, 'node', [script], {
    cwd: join(repoRoot, dir),
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  await waitOn({ resources: [`http-get://127.0.0.1:${port}/readyz`], timeout: 60_000 }).catch(() => {
    throw new Error(`${name} did not start:\n${part.log()}`);
  });
  return `http://127.0.0.1:${port}`;
}

const startProductService = (name, port, env) =>
  startPart(name, { dir: 'services/product', script: 'dist/entry-points/server.js', port, env });

/**
 * The catalog as a new install has it, beside the one being seeded: a product service of its own (its own database,
 * which it fills with the demo catalog as any new install does, cache prefix and vhost) and a catalog podlet
 * asking it. Idle while the other side is measured.
 */
async function startDemoCatalog(stackEnv) {
  const [database, redis, vhost] = await Promise.all([
    createPostgresDatabase(),
    createRedisPrefix(),
    createRabbitVhost(),
  ]);
  const drop = () => Promise.allSettled([database.drop(), redis.drop(), vhost.drop()]);
  try {
    const product = await startProductService('demo-product', 7222 + offset, {
      ...stackEnv,
      DATABASE_URL: database.url,
      PRODUCT_DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: redis.prefix,
      AMQP_URL: vhost.url,
    });
    const catalog = await startPart('demo-catalog', {
      dir: 'fragments/product-catalog',
      script: 'dist/server/server.js',
      port: 7122 + offset,
      env: { ...stackEnv, PRODUCT_SERVICE_URL: product },
    });
    return { product, catalog, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** Load over a rotating list of paths (autocannon cycles through `requests`). */
const loadPaths = (base, paths, options = {}) =>
  measure(base, {
    connections,
    duration,
    ...options,
    requests: paths.map((path) => ({
      method: 'GET',
      path,
      ...(options.headers ? { headers: options.headers } : {}),
    })),
  });

const results = {
  startedAt: new Date().toISOString(),
  machine: {
    cpus: (await import('node:os')).cpus().length,
    loadAverage: (await import('node:os')).loadavg(),
  },
  settings: { duration, connections, counts, sentOutboxRows: SENT_OUTBOX_ROWS },
  figures: {},
};

// The dev server in a process of its own, as the stack runs it: in this one it would share an event loop with the
// load generator. startBenchStack's startMongo() makes its database there (MONGO_URL).
const devServerPort = 27018 + offset;
const devServerFile = join(runDir, 'scale-mongo.json');
for (const suffix of ['', '.journal', '.lock']) rmSync(`${devServerFile}${suffix}`, { force: true });
mkdirSync(runDir, { recursive: true });
const devServer = startProcess(
  'mongo-devserver',
  'node',
  ['dist/cli.js', '--port', String(devServerPort), '--file', devServerFile, '--log-level', 'warn'],
  { cwd: join(repoRoot, 'packages/mongo-devserver') },
);
await waitOn({ resources: [`tcp:127.0.0.1:${devServerPort}`], timeout: 30_000 }).catch(() => {
  throw new Error(`the dev server did not start:\n${devServer.log()}`);
});
process.env.MONGO_URL = `mongodb://127.0.0.1:${devServerPort}`;

console.log('starting the benchmark stack…');
const stack = await startBenchStack({ portOffset: offset, runDir });
let demoCatalog;
try {
  const catalog = stack.partUrls['product-catalog'];
  demoCatalog = await startDemoCatalog(stack.env);
  const demoProduct = demoCatalog.product;
  const demo = (await (await fetch(`${demoProduct}/products?page=1&pageSize=100`)).json()).items.map(
    (p) => p.slug,
  );
  const categories = (await (await fetch(`${demoProduct}/products/categories`)).json()).items.map(
    (c) => c.slug,
  );
  const small = catalogPaths(demo.slice(0, 60), categories);
  // A demo category holds fewer products than a page: its page shows them all, a page at scale a full page.
  const demoCategorySizes = Object.fromEntries(
    await Promise.all(
      categories.map(async (category) => {
        const listing = await (
          await fetch(`${demoProduct}/products?category=${category}&pageSize=${DEFAULT_PAGE_SIZE}`)
        ).json();
        return [category, listing.items.length];
      }),
    ),
  );

  console.log(`seeding ${JSON.stringify(counts)}…`);
  const seedStarted = performance.now();
  let lastLine = 0;
  const seeded = await seed(counts, {
    env: stack.env,
    onProgress: (store, done, total) => {
      if (performance.now() - lastLine > 5000 || done === total) {
        lastLine = performance.now();
        console.log(`  ${store}: ${done}/${total}`);
      }
    },
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  results.figures.seeding = { seconds: round(seedSeconds, 1), stores: seeded };
  console.log(`seeded in ${seedSeconds.toFixed(1)} s`);

  // A product service of its own with the Redis cache off, on the same database: every request reads PostgreSQL.
  const direct = await startProductService('product-uncached', 7212 + offset, {
    ...stack.env,
    DATABASE_URL: stack.env.PRODUCT_DATABASE_URL,
    PRODUCT_CACHE: 'off',
  });
  const sampleSlugs = Array.from({ length: 200 }, (_, k) => scaleProductAt((k * 7919) % counts.products))
    .filter((p) => p.status === 'published')
    .map((p) => p.slug);
  const words = ['mug', 'lamp', 'blanket', 'jacket', 'speaker', 'notebook', 'tent', 'bottle'];
  const listingPaths = categories.flatMap((category) =>
    ['name', 'price', '-price', 'newest'].map(
      (sort) => `/products?category=${category}&sort=${sort}&page=1&pageSize=${DEFAULT_PAGE_SIZE}`,
    ),
  );
  console.log('measuring the product service (cache off)…');
  const service = {
    // What any request costs on this machine at this concurrency: the goals below are read against it.
    floor: await measure(`${direct}/healthz`, { connections, duration }),
    listing: await loadPaths(direct, listingPaths),
    search: await loadPaths(
      direct,
      words.map((word) => `/products?q=${word}&limit=${DEFAULT_PAGE_SIZE}`),
    ),
    bySlug: await loadPaths(
      direct,
      sampleSlugs.map((slug) => `/products/${slug}`),
    ),
  };
  results.figures.productService = service;

  console.log(
    `measuring the catalog fragment at ${demo.length} and at ${counts.products} products, in turns…`,
  );
  const large = catalogPaths(sampleSlugs.slice(0, 60), categories);
  const demoCategory = { base: demoCatalog.catalog, paths: small.category };
  results.figures.pages = {
    demoCategorySizes,
    category: await pagesSideBySide(demoCategory, { base: catalog, paths: large.category }),
    // The same pages with as many products as each had at the demo size: what the data's size costs, apart
    // from what the page's size does.
    categoryDemoSized: await pagesSideBySide(demoCategory, {
      base: catalog,
      paths: catalogPaths([], categories, demoCategorySizes).category,
    }),
    product: await pagesSideBySide(
      { base: demoCatalog.catalog, paths: small.product },
      { base: catalog, paths: large.product },
    ),
  };

  console.log("measuring a customer's orders and the admin's user list…");
  const password = stack.env.SEED_CUSTOMER_PASSWORD ?? SEED_CUSTOMER_PASSWORD_DEFAULT;
  const customerSessions = [];
  for (let k = 0; k < 8; k++)
    customerSessions.push(
      await signIn(stack.partUrls.user, scaleCustomerEmail((k * 977 + 3) % counts.customers), password),
    );
  const mongo = await MongoClient.connect(stack.env.MONGO_URL);
  const adminEmail = scaleCustomerEmail(counts.customers - 1);
  await mongo
    .db()
    .collection('users')
    .updateOne({ email: adminEmail }, { $set: { role: 'admin' } });
  const adminSession = await signIn(stack.partUrls.user, adminEmail, password);
  const orders = await measure(`${stack.partUrls.order}/orders`, {
    connections,
    duration,
    requests: customerSessions.map((cookie) => ({ method: 'GET', path: '/orders', headers: { cookie } })),
  });
  // The admin pages through the list: USER_PAGES pages of 50, each asked by the cursor of the page before, as the
  // dashboard follows `nextCursor`; from the first page, and from deep in the list (a deep page must cost what
  // the first does).
  const userPagesFrom = async (firstPath) => {
    const paths = [];
    for (let path = firstPath; paths.length < USER_PAGES && path;) {
      const page = await (
        await fetch(`${stack.partUrls.user}${path}`, { headers: { cookie: adminSession } })
      ).json();
      if (page.items?.length !== 50)
        throw new Error(`user list page ${path}: ${JSON.stringify(page).slice(0, 200)}`);
      paths.push(path);
      path = page.nextCursor && `/users?limit=50&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    return paths;
  };
  const deepDepth = Math.max(0, counts.customers - (USER_PAGES + 2) * 50);
  const [deepUser] = await mongo
    .db()
    .collection('users')
    .find({}, { sort: { createdAt: 1, _id: 1 }, skip: deepDepth, limit: 1, projection: { createdAt: 1 } })
    .toArray();
  const deepCursor = encodeUserListCursor({ createdAt: deepUser.createdAt, id: deepUser._id });
  const userPages = {
    first: await userPagesFrom('/users?limit=50'),
    deep: await userPagesFrom(`/users?limit=50&cursor=${deepCursor}`),
  };
  const userListAt = (concurrency, paths) =>
    measure(stack.partUrls.user, {
      connections: concurrency,
      duration,
      requests: paths.map((path) => ({ method: 'GET', path, headers: { cookie: adminSession } })),
    });
  results.figures.orders = orders;
  results.figures.userList = { ...(await userListAt(connections, userPages.first)), pages: USER_PAGES };
  // What one admin paging alone waits for: the list's own cost, apart from a crowd of admins.
  results.figures.userListAlone = await userListAt(1, userPages.first);
  results.figures.userListAloneDeep = { ...(await userListAt(1, userPages.deep)), depth: deepDepth };

  console.log('measuring the dev server: sign-in lookup and startup…');
  const signInLookup = await timed(1000, (i) =>
    mongo
      .db()
      .collection('users')
      .findOne({ email: scaleCustomerEmail((i * 7919) % counts.customers) }),
  );
  await mongo.close();
  const devDir = mkdtempSync(join(tmpdir(), 'scale-devserver-'));
  const devFile = join(devDir, 'mongo.json');
  let startup;
  try {
    const dev = await startMongoDevServer({ port: 0, file: devFile });
    await seed(
      { products: 0, customers: counts.customers, orders: 0 },
      { env: { MONGO_URL: `${dev.url}/startup` } },
    );
    await dev.stop();
    const started = performance.now();
    const again = await startMongoDevServer({ port: 0, file: devFile });
    startup = round((performance.now() - started) / 1000);
    await again.stop();
  } finally {
    rmSync(devDir, { recursive: true, force: true });
  }
  results.figures.devServer = { signInLookup, startupSeconds: startup };

  console.log(`measuring a relay's claim with ${SENT_OUTBOX_ROWS} sent rows behind it…`);
  const pgPool = new pg.Pool({ connectionString: stack.env.PRODUCT_DATABASE_URL, max: 2 });
  await pgPool.query(
    `INSERT INTO outbox (id, event, created_at, sent_at)
     SELECT gen_random_uuid(), '{}'::jsonb, now() - i * interval '1 second',
            CASE WHEN i > 20 THEN now() - i * interval '1 second' END
       FROM generate_series(1, $1) i`,
    [SENT_OUTBOX_ROWS],
  );
  await pgPool.query('ANALYZE outbox');
  const pgStore = pgOutbox(pgPool);
  const pgClaim = await timed(
    200,
    () => pgStore.claimBatch(100),
    () => pgPool.query('UPDATE outbox SET claimed_until = NULL WHERE sent_at IS NULL'),
  );
  const my = mysql.createPool({ uri: stack.env.ORDER_DATABASE_URL, connectionLimit: 2, timezone: 'Z' });
  for (let done = 0; done < SENT_OUTBOX_ROWS; done += 100_000) {
    await my.query(
      `INSERT INTO outbox (id, type, event, created_at, sent_at)
       SELECT UUID(), 'order.placed', '{}', UTC_TIMESTAMP(3) - INTERVAL (seq + ?) SECOND,
              IF(seq + ? > 20, UTC_TIMESTAMP(3) - INTERVAL (seq + ?) SECOND, NULL)
         FROM seq_1_to_100000`,
      [done, done, done],
    );
  }
  await my.query('ANALYZE TABLE outbox');
  const myStore = mysqlOutbox(my);
  const myClaim = await timed(
    200,
    () => myStore.claimBatch(100),
    () => my.query('UPDATE outbox SET claimed_until = NULL WHERE sent_at IS NULL'),
  );
  await pgPool.end();
  await my.end();
  results.figures.outboxClaim = { postgres: pgClaim, mariadb: myClaim };

  const f = results.figures;
  // Absolute latencies here move by a third from one run to the next with the machine; the multiple of the
  // floor measured in the same run moves much less.
  // A page whose catalog fragment fell back is a failure, not a fast page: counted beside the ratio.
  const pagesNote = (page) => {
    const { demo, scale, ratios } = f.pages[page];
    return `${scale.reqPerSec} / ${demo.reqPerSec} req/s (median of turns ${ratios.join(', ')}), degraded ${scale.degraded} / ${demo.degraded}, errors ${scale.errors} / ${demo.errors}`;
  };
  const alone = (figure) => `p50 ${figure.p50} ms, ${figure.reqPerSec} req/s, ${figure.errors} errors`;
  const againstFloor = (figure) =>
    `${figure.reqPerSec} req/s, ${figure.errors} errors, p99 ${round(figure.p99 / f.productService.floor.p99, 1)} × floor`;
  const rows = [
    [
      "the same service's /healthz, 32 conn (this machine's floor): p99 ms",
      '-',
      f.productService.floor.p99,
      `${f.productService.floor.reqPerSec} req/s, ${f.productService.floor.errors} errors`,
    ],
    [
      'service listing, cache off, 32 conn: p99 ms',
      '<= 20',
      f.productService.listing.p99,
      againstFloor(f.productService.listing),
    ],
    [
      'service search, cache off, 32 conn: p99 ms',
      '<= 20',
      f.productService.search.p99,
      againstFloor(f.productService.search),
    ],
    [
      'service product by slug, cache off, 32 conn: p99 ms',
      '<= 20',
      f.productService.bySlug.p99,
      againstFloor(f.productService.bySlug),
    ],
    [
      'category page at scale / at demo size: req/s ratio',
      '>= 0.8',
      f.pages.category.ratio,
      pagesNote('category'),
    ],
    [
      '… with as many products per page as at demo size',
      '-',
      f.pages.categoryDemoSized.ratio,
      `${pagesNote('categoryDemoSized')}; pages of ${Object.values(f.pages.demoCategorySizes).join('/')} products, not ${DEFAULT_PAGE_SIZE}`,
    ],
    [
      'product page at scale / at demo size: req/s ratio',
      '>= 0.8',
      f.pages.product.ratio,
      pagesNote('product'),
    ],
    ["a customer's orders, 1M orders: p99 ms", '<= 30', f.orders.p99, againstFloor(f.orders)],
    [
      `admin's user list, 100k users, ${connections} conn: p99 ms`,
      '<= 30',
      f.userList.p99,
      `${againstFloor(f.userList)}; pages 1–${f.userList.pages} of 50 by cursor`,
    ],
    ['… one admin paging alone (1 conn): p99 ms', '-', f.userListAlone.p99, alone(f.userListAlone)],
    [
      `… alone, ${USER_PAGES} pages from ${f.userListAloneDeep.depth} users deep: p99 ms`,
      '-',
      f.userListAloneDeep.p99,
      alone(f.userListAloneDeep),
    ],
    [
      'dev server sign-in lookup, 100k users: mean ms',
      '<= 2',
      f.devServer.signInLookup.mean,
      `p99 ${f.devServer.signInLookup.p99} ms`,
    ],
    ['dev server startup, 100k users: s', '<= 3', f.devServer.startupSeconds, ''],
    [
      'outbox claim, 1M sent rows (PostgreSQL): mean ms',
      '<= 5',
      f.outboxClaim.postgres.mean,
      `p99 ${f.outboxClaim.postgres.p99} ms (claims 20 unsent rows; lease reset untimed)`,
    ],
    [
      'outbox claim, 1M sent rows (MariaDB): mean ms',
      '<= 5',
      f.outboxClaim.mariadb.mean,
      `p99 ${f.outboxClaim.mariadb.p99} ms (claims 20 unsent rows; lease reset untimed)`,
    ],
    ['seeding all three stores: s', '<= 600', f.seeding.seconds, JSON.stringify(counts)],
  ];
  console.log('\n## data at real scale');
  console.table(rows.map(([figure, goal, value, note]) => ({ figure, goal, value, note })));
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `scale-${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results: ${file}`);
} finally {
  // The stack drops its database on the dev server, so that goes last.
  await stack.stop();
  await stopAll();
  await demoCatalog?.drop();
}
