import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import {
  type Account,
  baseURL,
  editorAccount,
  newCustomer,
  partUrl,
  placeOrder,
  podlets,
  products,
  services,
  signIn,
  signalPart,
  sleep,
  startPart,
  stopPart,
} from './support/storefront.js';

// Parts of the stack fail one at a time; the storefront degrades, never breaks, and is whole again once the part is
// back. Every test leaves every part running (afterEach), so later suites find the stack as it was.

const run = promisify(execFile);
const pagesOf: Record<string, string[]> = {
  'product-catalog': ['/', 'PRODUCT', '/search?q=mug'],
  'order-management': ['/', '/cart', 'PRODUCT'],
  'user-dashboard': ['/', '/signin'],
};
const fallbackOf = (name: string) =>
  new RegExp(`data-fragment-fallback="${name}"|data-fragment-unavailable="${name}"`);

let productPath = '/';
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  for (const name of [...services, ...podlets]) await startPart(name);
  const [product] = await products(1);
  productPath = `/products/${product!.slug}`;
});
test.afterEach(async () => {
  for (const name of [...services, ...podlets]) await startPart(name);
});

/** `count` GETs of each path, a few at a time: the statuses and bodies. */
async function lightLoad(paths: string[], count = 5) {
  const answers: { path: string; status: number; body: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    await Promise.all(
      paths.map(async (path) => {
        const res = await fetch(`${baseURL()}${path}`);
        answers.push({ path, status: res.status, body: await res.text() });
      }),
    );
  }
  return answers;
}

/** The same page under an address nginx never kept a copy of. */
const unseen = (path: string, run: string) => `${path}${path.includes('?') ? '&' : '?'}unseen=${run}`;

for (const podlet of podlets) {
  test(`without the ${podlet} podlet every page answers 200: its last good copy where nginx has one, else its fallback; back, the next page is whole`, async () => {
    const paths = pagesOf[podlet]!.map((path) => (path === 'PRODUCT' ? productPath : path));
    // Seen while the podlet is up: these pages have a last good copy of its fragment.
    await lightLoad(paths, 1);
    await stopPart(podlet);
    await sleep(500);
    const run = String(Date.now());
    const answers = await lightLoad([...paths, ...paths.map((path) => unseen(path, run))]);
    for (const answer of answers) {
      expect(answer.status, `${answer.path} without ${podlet}`).toBe(200);
      expect(answer.body).toContain('data-testid="site-header"');
      if (answer.path.includes('unseen=')) {
        expect(answer.body, `${answer.path} without ${podlet}`).toMatch(fallbackOf(podlet));
      } else {
        expect(answer.body, `${answer.path} without ${podlet}: the stale copy`).toContain(
          `data-fragment="${podlet}"`,
        );
        expect(answer.body, `${answer.path} without ${podlet}`).not.toMatch(fallbackOf(podlet));
      }
    }
    await startPart(podlet);
    for (const path of paths) {
      const res = await fetch(`${baseURL()}${path}`);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html, `${path} with ${podlet} back`).toContain(`data-fragment="${podlet}"`);
      expect(html, `${path} with ${podlet} back`).not.toMatch(fallbackOf(podlet));
    }
  });
}

for (const service of services) {
  test(`without the ${service} service the pages render degraded (never 5xx, never blank); back, they are whole`, async () => {
    const customer = await newCustomer(`Fault ${service}`);
    const paths = ['/', productPath, '/cart', '/search?q=mug'];
    await stopPart(service);
    await sleep(500);
    for (const answer of await lightLoad(paths, 3)) {
      expect(answer.status, `${answer.path} without ${service}`).toBeLessThan(500);
      expect(answer.body, `${answer.path} without ${service}`).toContain('data-testid="site-header"');
      expect(answer.body.length).toBeGreaterThan(1000);
    }
    const account = await customer.visitor.get('/account');
    expect(account.status, `/account without ${service}`).toBeLessThan(500);
    await startPart(service);
    const home = await fetch(`${baseURL()}/`);
    const html = await home.text();
    expect(home.status).toBe(200);
    for (const podlet of podlets) expect(html).not.toMatch(fallbackOf(podlet));
    const [product] = await products(1);
    expect(html).toContain(product!.name.replace(/&/g, '&amp;'));
    expect((await customer.visitor.get('/api/users/me')).status).toBe(200);
  });
}

// What each part answers under load: services through the gateway, podlets and the layout at their own address
// (through the gateway a podlet's failure would be hidden by its fallback).
const sigtermTargets: { part: string; url: () => string }[] = [
  { part: 'product', url: () => `${baseURL()}/api/products?page=1&pageSize=24&sort=-price` },
  { part: 'user', url: () => `${baseURL()}/api/users/me` },
  { part: 'order', url: () => `${baseURL()}/api/orders` },
  { part: 'notification', url: () => `${baseURL()}/api/notifications` },
  ...podlets.map((part) => ({ part, url: () => `${partUrl(part)}/` })),
  { part: 'layout', url: () => `${partUrl('layout')}/` },
];

for (const { part, url } of sigtermTargets) {
  test(`SIGTERM to ${part} under load fails none of the requests already in flight`, async () => {
    const inFlightFailures: string[] = [];
    let stoppedAt = Number.POSITIVE_INFINITY;
    let stop = false;
    let done = 0;
    const worker = async () => {
      while (!stop) {
        const startedAt = Date.now();
        const res = await fetch(url()).catch(() => null);
        if (startedAt < stoppedAt) {
          done += 1;
          if (!res || res.status >= 500)
            inFlightFailures.push(`${res?.status ?? 'network error'} at +${startedAt}`);
        }
        await res?.arrayBuffer();
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await sleep(1500);
    stoppedAt = Date.now();
    await signalPart(part);
    await sleep(1500);
    stop = true;
    await Promise.all(workers);
    await startPart(part);
    expect(done).toBeGreaterThan(10);
    expect(inFlightFailures).toEqual([]);
  });
}

test('with RabbitMQ stopped for ~10 s while orders are placed, every order gets exactly one order.placed notification', async () => {
  test.setTimeout(180_000);
  const perCustomer = 5;
  const customers: Account[] = [];
  for (let i = 0; i < 10; i += 1) customers.push(await newCustomer(`Broker ${i}`));
  const editor = await signIn(editorAccount.email, editorAccount.password);
  const [product] = await products(1);
  await editor.patch(`/api/products/manage/${product!.id}/stock`, { json: { stock: 100_000 } });

  const orders: { customer: Account; id: string }[] = [];
  await run('rabbitmqctl', ['-q', 'stop_app'], { timeout: 60_000 });
  let restarted = false;
  try {
    const stoppedAt = Date.now();
    for (let round = 0; round < perCustomer; round += 1) {
      const placed = await Promise.all(
        customers.map(async (customer) => ({
          customer,
          id: await placeOrder(customer.visitor, product!.id),
        })),
      );
      orders.push(...placed);
      // Half the orders while the broker is down, the rest after it is back.
      if (round === 2) {
        await sleep(Math.max(0, 10_000 - (Date.now() - stoppedAt)));
        await run('rabbitmqctl', ['-q', 'start_app'], { timeout: 60_000 });
        restarted = true;
      }
    }
  } finally {
    if (!restarted) await run('rabbitmqctl', ['-q', 'start_app'], { timeout: 60_000 });
  }
  expect(orders).toHaveLength(customers.length * perCustomer);

  // Every order: one order-placed entry per channel, eventually.
  await expect
    .poll(
      async () => {
        let found = 0;
        for (const customer of customers) {
          const res = await customer.visitor.get('/api/notifications');
          if (res.status !== 200) continue;
          const notes = res.json<{
            items: { template: string; subject: string; body: string; channel: string }[];
          }>().items;
          found += notes.filter((note) => note.template === 'order-placed').length;
        }
        return found;
      },
      { timeout: 90_000, intervals: [1000, 2000, 3000] },
    )
    .toBeGreaterThanOrEqual(orders.length);
  for (const customer of customers) {
    const notes = (await customer.visitor.get('/api/notifications'))
      .json<{
        items: { template: string; subject: string; body: string; channel: string; eventId: string }[];
      }>()
      .items.filter((note) => note.template === 'order-placed');
    const mine = orders.filter((order) => order.customer === customer);
    for (const order of mine) {
      const matching = notes.filter((note) => `${note.subject} ${note.body}`.includes(order.id.slice(0, 8)));
      expect(
        matching.filter((note) => note.channel === 'email'),
        `order ${order.id}`,
      ).toHaveLength(1);
    }
    expect(new Set(notes.map((note) => `${note.eventId}:${note.channel}`)).size).toBe(notes.length);
    expect(notes).toHaveLength(mine.length);
  }
});
