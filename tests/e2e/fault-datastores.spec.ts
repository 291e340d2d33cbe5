import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { baseURL, partUrl, products, sleep, startPart, stopPart } from './support/storefront.js';

// The machine's datastores restart under light load. Every request ends within its timeout (no hang), the services
// that depend on the datastore report not-ready while it is away, and all of them are ready and serving again once
// it is back, by themselves. The commands are the machine's own (scripts/ensure-system.sh starts the same way).

const run = promisify(execFile);
const REQUEST_TIMEOUT_MS = 10_000;

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function waitForPort(port: number, open: boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await portOpen(port)) !== open) {
    if (Date.now() > deadline) throw new Error(`port ${port} did not ${open ? 'open' : 'close'} in time`);
    await sleep(200);
  }
}

interface Datastore {
  name: string;
  dependents: string[];
  /** Each resolves once the datastore is really down / accepting connections again. */
  stop: () => Promise<unknown>;
  start: () => Promise<unknown>;
}

/** A datastore of the machine, stopped and started with its own commands. */
function machineStore(
  name: string,
  port: number,
  dependents: string[],
  stop: () => Promise<unknown>,
  start: () => Promise<unknown>,
): Datastore {
  return {
    name,
    dependents,
    stop: async () => {
      await stop();
      await waitForPort(port, false);
    },
    start: async () => {
      await start();
      await waitForPort(port, true);
    },
  };
}

const postgresCluster = async () => (await run('ls', ['/etc/postgresql'])).stdout.trim().split('\n')[0]!;
const datastores: Datastore[] = [
  machineStore(
    'Redis',
    6379,
    // The session registry lives there too: user (writes it) and order (reads it) cannot vouch for sessions without.
    ['product', 'notification', 'user', 'order'],
    () => run('redis-cli', ['-p', '6379', 'shutdown', 'nosave']).catch(() => undefined),
    () =>
      run('redis-server', [
        '--daemonize',
        'yes',
        '--bind',
        '127.0.0.1',
        '-::1',
        '--port',
        '6379',
        '--save',
        '',
        '--appendonly',
        'no',
      ]),
  ),
  machineStore(
    'PostgreSQL',
    5432,
    ['product'],
    async () =>
      run('pg_ctlcluster', [
        '--skip-systemctl-redirect',
        await postgresCluster(),
        'main',
        'stop',
        '-m',
        'fast',
      ]),
    async () => run('pg_ctlcluster', ['--skip-systemctl-redirect', await postgresCluster(), 'main', 'start']),
  ),
  machineStore(
    'MariaDB',
    3306,
    ['order'],
    () => run('mariadb-admin', ['-uroot', 'shutdown']),
    () => run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd']),
  ),
  // The MongoDB-protocol dev server is a part of the test stack (unless MONGO_URL names a real MongoDB, which this
  // suite does not restart): stopped and started like one, its file keeping the users across the restart.
  ...(process.env.STACK_MONGO_PART
    ? [
        {
          name: 'MongoDB (dev server)',
          dependents: ['user'],
          stop: () => stopPart(process.env.STACK_MONGO_PART!),
          start: () => startPart(process.env.STACK_MONGO_PART!),
        },
      ]
    : []),
];

async function timedGet(url: string) {
  const started = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  } catch (error) {
    return { status: 0, ms: Date.now() - started, error: String(error) };
  }
}

const ready = async (part: string) => (await timedGet(`${partUrl(part)}/readyz`)).status === 200;

test.describe.configure({ mode: 'serial' });

for (const store of datastores) {
  test(`when ${store.name} restarts under light load, no request hangs and its services recover by themselves`, async () => {
    test.setTimeout(180_000);
    const [product] = await products(1);
    const pages = ['/', `/products/${product!.slug}`, '/api/products?pageSize=5', '/api/orders'];
    const answers: { status: number; ms: number }[] = [];
    let loading = true;
    const load = (async () => {
      for (let i = 0; loading; i += 1) {
        answers.push(await timedGet(`${baseURL()}${pages[i % pages.length]}`));
        await sleep(50);
      }
    })();

    try {
      await store.stop();
      // Not ready while the datastore is away: the orchestrator stops sending them traffic.
      for (const part of store.dependents)
        await expect.poll(() => ready(part), { timeout: 20_000 }).toBe(false);
      await sleep(2_000);
    } finally {
      await store.start();
    }
    for (const part of store.dependents) await expect.poll(() => ready(part), { timeout: 60_000 }).toBe(true);
    loading = false;
    await load;

    // Nothing hung: every answer, even the failed ones, came back within its timeout.
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((answer) => answer.status === 0)).toEqual([]);
    // Pages were never blank or 5xx from the gateway: the page itself degrades, its API may say 503.
    const pageFailures = answers.filter((answer, i) => i % pages.length < 2 && answer.status >= 500);
    expect(pageFailures).toEqual([]);
    // Whole again: the product page and the API answer as before.
    expect((await timedGet(`${baseURL()}/products/${product!.slug}`)).status).toBe(200);
    expect((await timedGet(`${baseURL()}/api/products?pageSize=5`)).status).toBe(200);
  });
}
