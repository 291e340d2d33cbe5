// `npm run bench`: performance of the composition and the order flow, each scenario compared within one run on a
// throw-away stack (ports +20000, own databases). Prints tables and writes tests/bench/results/bench-<time>.json.
// Every page run counts `degraded` answers (a fallback or placeholder in a slot) apart from errors: both fail.
// Environment: BENCH_DURATION (s per load run, default 10), BENCH_CONNECTIONS (10), BENCH_CROWD (connections of
// the page scenarios, 32), BENCH_ORDER_SECONDS (30), BENCH_USERS (60), BENCH_PORT_OFFSET (20000), BENCH_ONLY
// (comma-separated scenario numbers, e.g. "1,7").
import {
  anonymousCrowd,
  customers,
  overload,
  previewCrowd,
  publishToVisible,
  renderCost,
  signedInCrowd,
  startUncachedGateway,
} from './edge-cache.mjs';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parts as stackParts } from '../../scripts/stack.mjs';
import { editor, repoRoot, startBenchStack } from './lib/stack.mjs';
import {
  account,
  csrfToken,
  delayingProxy,
  load,
  sleep,
  startGateway,
  startProcess,
  startStaticNginx,
  stopAll,
  treeRssKb,
} from './lib/tools.mjs';
import waitOn from 'wait-on';

/** Where the bench's orders go: every order carries its delivery address. */
const deliveryAddress = {
  label: 'Home',
  line1: '12 Harbour Road',
  city: 'Bristol',
  postalCode: 'BS1 4QA',
  country: 'GB',
};

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const crowd = Number(process.env.BENCH_CROWD ?? 32);
const orderSeconds = Number(process.env.BENCH_ORDER_SECONDS ?? 30);
const userCount = Number(process.env.BENCH_USERS ?? 60);
const offset = Number(process.env.BENCH_PORT_OFFSET ?? 20_000);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map(Number)) : null;
const wanted = (n) => !only || only.has(n);
const resultsDir = join(repoRoot, 'tests/bench/results');
const runDir = join(repoRoot, 'tests/results/bench-run');
const port = (n) => n + offset;

const results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length },
  settings: { duration, connections, crowd, orderSeconds, userCount },
  scenarios: {},
};
const ratio = (a, b) => (b ? Math.round((a / b) * 100) / 100 : null);
function table(title, rows) {
  console.log(`\n## ${title}`);
  console.table(rows);
}

async function json(url, init) {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 200)}`);
  return { body: text ? JSON.parse(text) : null, headers: res.headers };
}

console.log('starting the benchmark stack…');
const stack = await startBenchStack({ portOffset: offset, runDir });
const parts = [...stackParts.map((part) => part.name), 'gateway'];
const memory = () =>
  Object.fromEntries(
    parts
      .map((name) => [name, stack.partPid?.(name)])
      .filter(([, pid]) => pid)
      .map(([name, pid]) => [name, Math.round(treeRssKb(pid) / 1024)]),
  );

try {
  const gateway = stack.url.replace('localhost', '127.0.0.1');
  await fetch(`${gateway}/`); // warm the layout's manifests
  const idleMemory = memory();

  // ---- (1) composition cost, and (6) memory under that load ----
  if (wanted(1) || wanted(6)) {
    const html = await (await fetch(`${gateway}/`)).text();
    const staticServer = await startStaticNginx({ html, port: port(8090), runDir });
    const podium = startProcess('layout-podium', 'node', ['start.mjs'], {
      cwd: join(repoRoot, 'layout'),
      env: {
        ...process.env,
        ...stack.env,
        PORT: String(port(3001)),
        HOST: '127.0.0.1',
        COMPOSITION: 'podium',
      },
    });
    await waitOn({
      resources: [`http-get://127.0.0.1:${port(3001)}/readyz`],
      timeout: 60_000,
      interval: 200,
    }).catch(() => {
      throw new Error(`the podium layout did not start:\n${podium.log()}`);
    });
    const podiumHtml = await (await fetch(`http://127.0.0.1:${port(3001)}/`)).text();
    const uncached = await startUncachedGateway({ stack, runDir }, 'composition-cache-off', port(8087));
    const runs = {};
    let loadMemory = {};
    const sampling = (async () => {
      await sleep((duration * 1000) / 2);
      loadMemory = memory();
    })();
    runs['SSI page (gateway, cached)'] = await load(`${gateway}/`, { connections: crowd, duration });
    await sampling;
    runs['SSI page (cache off)'] = await load(`${uncached.url}/`, { connections: crowd, duration });
    runs['static copy (nginx)'] = await load(`${staticServer.url}/`, { connections: crowd, duration });
    runs['layout shell alone'] = await load(`${stack.partUrls.layout}/`, { connections: crowd, duration });
    runs['COMPOSITION=podium'] = await load(`http://127.0.0.1:${port(3001)}/`, {
      connections: crowd,
      duration,
    });
    await uncached.stop();
    const base = runs['static copy (nginx)'].reqPerSec;
    const rows = Object.fromEntries(
      Object.entries(runs).map(([name, run]) => [
        name,
        { ...run, 'static/this req/s': ratio(base, run.reqPerSec) },
      ]),
    );
    table(`1. composition cost (GET /, ${crowd} connections)`, rows);
    results.scenarios.composition = {
      rows,
      'cached / static': ratio(runs['SSI page (gateway, cached)'].reqPerSec, base),
      'cache off / shell alone': ratio(
        runs['SSI page (cache off)'].reqPerSec,
        runs['layout shell alone'].reqPerSec,
      ),
      'cached / podium': ratio(
        runs['SSI page (gateway, cached)'].reqPerSec,
        runs['COMPOSITION=podium'].reqPerSec,
      ),
      podiumPageHasFragments: /data-fragment="product-catalog"/.test(podiumHtml),
      podiumLayoutMemoryMb: Math.round(treeRssKb(podium.child.pid) / 1024),
    };
    const memRows = Object.fromEntries(
      Object.keys(idleMemory).map((name) => [
        name,
        { 'idle MB': idleMemory[name], 'under (1) MB': loadMemory[name] },
      ]),
    );
    table('6. resident memory (VmRSS of each part’s process tree)', memRows);
    results.scenarios.memory = memRows;
  }

  // ---- (2) parallel includes: every podlet 200 ms late ----
  const podlets = [
    ['product-catalog', 'PRODUCT_CATALOG_URL'],
    ['order-management', 'ORDER_MANAGEMENT_URL'],
    ['user-dashboard', 'USER_DASHBOARD_URL'],
  ];
  if (wanted(2)) {
    const proxies = [];
    const env = {};
    for (const [index, [name, urlEnv]] of podlets.entries()) {
      const proxy = await delayingProxy(stack.partUrls[name], 200, port(9100 + index));
      proxies.push(proxy);
      env[urlEnv] = proxy.url;
    }
    // Without the cache: every page waits for its includes, which is what this measures.
    const slow = await startGateway('delayed-200', {
      baseEnv: stack.env,
      port: port(8081),
      env: { ...env, GATEWAY_CACHE: 'off' },
      runDir,
    });
    const uncached = await startUncachedGateway({ stack, runDir }, 'undelayed', port(8088));
    const direct = await load(`${uncached.url}/`, { connections: 4, duration });
    const delayed = await load(`${slow.url}/`, { connections: 4, duration });
    const rows = { 'no delay': direct, 'each podlet +200 ms': delayed };
    table('2. parallel includes', rows);
    results.scenarios.parallelIncludes = {
      rows,
      'page p50 / slowest fragment delay': ratio(delayed.p50, 200),
      'added p50 ms': delayed.p50 - direct.p50,
    };
    console.log(
      `   page p50 / 200 ms = ${results.scenarios.parallelIncludes['page p50 / slowest fragment delay']} (≈1 means the includes run in parallel; ≈3 would be serial)`,
    );
    for (const proxy of proxies) await proxy.close();
    await uncached.stop();
  }

  // ---- (3) time budget: one podlet 5 s late ----
  if (wanted(3)) {
    const proxy = await delayingProxy(stack.partUrls['order-management'], 5000, port(9110));
    const late = await startGateway('delayed-5s', {
      baseEnv: stack.env,
      port: port(8082),
      env: { ORDER_MANAGEMENT_URL: proxy.url },
      runDir,
    });
    const page = await (await fetch(`${late.url}/`)).text();
    const run = await load(`${late.url}/`, { connections: 4, duration });
    const budgetMs = 500; // nginx/render.mjs: order-management
    const fallbackShown =
      /data-fragment-fallback="order-management"|data-fragment-unavailable="order-management"/.test(page);
    table('3. time budget (order-management +5 s, budget 500 ms)', { page: run });
    results.scenarios.timeBudget = {
      run,
      budgetMs,
      'page p99 / budget': ratio(run.p99, budgetMs),
      fallbackShown,
    };
    console.log(
      `   page p99 / budget = ${results.scenarios.timeBudget['page p99 / budget']}; fallback shown: ${fallbackShown}`,
    );
    await proxy.close();
  }

  // ---- (4) the product service's Redis cache ----
  if (wanted(4)) {
    const categories = (await json(`${gateway}/api/products/categories`)).body.items;
    // The product service's Redis cache: the stack's service (cache on) against a second one on the same database
    // with PRODUCT_CACHE=off, both asked directly for the same listing page.
    const uncached = startProcess('product-uncached', 'node', ['dist/entry-points/server.js'], {
      cwd: join(repoRoot, 'services/product'),
      env: {
        ...process.env,
        ...stack.env,
        DATABASE_URL: stack.env.PRODUCT_DATABASE_URL,
        PORT: String(port(7212)),
        HOST: '127.0.0.1',
        PRODUCT_CACHE: 'off',
        LOG_LEVEL: 'warn',
      },
    });
    await waitOn({
      resources: [`http-get://127.0.0.1:${port(7212)}/readyz`],
      timeout: 60_000,
      interval: 200,
    }).catch(() => {
      throw new Error(`the uncached product service did not start:\n${uncached.log()}`);
    });
    const listing = `/products?category=${categories[0].slug}&page=1&pageSize=24`;
    await fetch(`${stack.partUrls.product}${listing}`);
    const serviceRows = {
      'product service, Redis cache on': await load(`${stack.partUrls.product}${listing}`, {
        connections,
        duration,
      }),
      'product service, Redis cache off': await load(`http://127.0.0.1:${port(7212)}${listing}`, {
        connections,
        duration,
      }),
    };
    table(`4b. product service cache (GET ${listing})`, serviceRows);
    results.scenarios.productRedisCache = {
      rows: serviceRows,
      'on/off req/s': ratio(
        serviceRows['product service, Redis cache on'].reqPerSec,
        serviceRows['product service, Redis cache off'].reqPerSec,
      ),
    };
    console.log(`   product Redis cache on/off = ${results.scenarios.productRedisCache['on/off req/s']}`);
  }

  // ---- (5) orders from many signed-in users ----
  if (wanted(5)) {
    const userUrl = stack.partUrls.user;
    const staff = await account(userUrl, editor, 'login');
    const items = (await json(`${gateway}/api/products?page=1&pageSize=5`)).body.items;
    for (const item of items) {
      await json(`${gateway}/api/products/manage/${item.id}/stock`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: staff.cookie, 'x-csrf-token': csrfToken },
        body: JSON.stringify({ stock: 1_000_000 }),
      });
    }
    console.log(`\nregistering ${userCount} customers…`);
    const users = [];
    for (let i = 0; i < userCount; i += 1) {
      users.push(
        await account(
          userUrl,
          {
            email: `bench-${i}-${randomUUID()}@example.test`,
            password: 'bench-password-1',
            name: `Bench ${i}`,
          },
          'register',
        ),
      );
    }
    let next = 0;
    const run = await load(gateway, {
      connections,
      duration: orderSeconds,
      requests: [
        {
          method: 'POST',
          path: '/api/orders',
          setupRequest: (req) => {
            const user = users[next++ % users.length];
            const item = items[next % items.length];
            return {
              ...req,
              headers: {
                ...req.headers,
                'content-type': 'application/json',
                cookie: user.cookie,
                'x-csrf-token': csrfToken,
                'idempotency-key': randomUUID(),
              },
              body: JSON.stringify({
                address: deliveryAddress,
                lines: [{ productId: item.id, quantity: 1 }],
              }),
            };
          },
        },
      ],
    });
    // Outbox → broker → notification: the delay between each order and its order-placed entry.
    const delays = [];
    let missing = 0;
    let sampled = 0;
    const deadline = Date.now() + 60_000;
    for (const user of users) {
      // The delivery log keeps a customer's newest 50 entries (one is the welcome): sample the newest 45 orders.
      const orders = (await json(`${gateway}/api/orders`, { headers: { cookie: user.cookie } })).body.items
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .slice(0, 45);
      sampled += orders.length;
      let pending = orders;
      while (pending.length && Date.now() < deadline) {
        const notes = (
          await json(`${gateway}/api/notifications`, { headers: { cookie: user.cookie } })
        ).body.items.filter((note) => note.template === 'order-placed');
        pending = pending.filter((order) => {
          const note = notes.find((candidate) =>
            `${candidate.subject} ${candidate.body}`.includes(order.id.slice(0, 8)),
          );
          if (note) delays.push(Date.parse(note.createdAt) - Date.parse(order.createdAt));
          return !note;
        });
        if (pending.length) await sleep(500);
      }
      missing += pending.length;
    }
    delays.sort((a, b) => a - b);
    const pct = (p) =>
      delays.length ? delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))] : null;
    const row = {
      'orders/s': run.reqPerSec,
      'p50 ms': run.p50,
      'p99 ms': run.p99,
      errors: run.errors,
      orders: run.total,
      'notify p50 ms': pct(50),
      'notify p99 ms': pct(99),
      'orders sampled': sampled,
      'no notification': missing,
    };
    table(`5. orders (${userCount} signed-in customers, ${orderSeconds} s, ${connections} connections)`, {
      orders: row,
    });
    results.scenarios.orders = row;
  }

  // ---- (7)–(12) the edge cache under a crowd ----
  const pageRuns = { crowd, duration, port, runDir, stack, gateway };
  if (wanted(7)) {
    const { rows, goals } = await anonymousCrowd(pageRuns);
    table(`7. anonymous pages, ${crowd} connections: cache on, cache off, the same bytes static`, rows);
    table('7. goals: cached >= 0.2 of static, p99 <= 50 ms, 0 degraded', goals);
    results.scenarios.anonymousCrowd = { rows, goals };
  }
  const needSessions = wanted(8) || wanted(11);
  const sessions = needSessions
    ? await customers({ userUrl: stack.partUrls.user, count: crowd, label: 'crowd' })
    : [];
  if (wanted(8)) {
    const rows = await signedInCrowd({ ...pageRuns, sessions });
    table(
      `8. signed-in home, ${crowd} connections, ${sessions.length} sessions (goal >= 250 req/s, p99 <= 250 ms)`,
      rows,
    );
    results.scenarios.signedIn = rows;
  }
  const staff = wanted(9) || wanted(10) ? await account(stack.partUrls.user, editor, 'login') : undefined;
  const editorCookie = staff && { cookie: staff.cookie, token: csrfToken };
  if (wanted(9)) {
    const preview = await previewCrowd({ ...pageRuns, editorCookie });
    table(`9. editor preview, ${crowd} connections (never cached)`, preview.rows);
    results.scenarios.preview = preview;
  }
  if (wanted(10)) {
    const times = await publishToVisible({ gateway, editorCookie });
    table('10. from an editor’s change to anonymous visitors (goal <= 2000 ms)', { visible: times });
    results.scenarios.publishToVisible = times;
  }
  if (wanted(11)) {
    const result = await overload({ ...pageRuns, sessions });
    table('11. overload: 128 signed-in connections (goal 0 5xx, p99 <= 2 s)', result.rows);
    table('11. what the includes were during the overload', { includes: result.includes });
    results.scenarios.overload = result;
  }
  if (wanted(12)) {
    const rows = await renderCost(pageRuns);
    table(
      `12. render cost with no cache: CPU per request of each part of the home page (goal: cut the largest)`,
      rows,
    );
    results.scenarios.renderCost = rows;
  }
} finally {
  await stopAll();
  await stack.stop();
}
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `bench-${results.startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nwritten: ${file}`);
process.exit(0);
