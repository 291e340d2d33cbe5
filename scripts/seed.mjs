// `npm run seed -- --products N --customers N --orders N`: fills the stores with realistic data at scale, through
// each service's own data-access code in bulk (PostgreSQL multi-row inserts, Mongo insertMany, MariaDB multi-row
// inserts). Every row is a function of its number, so a re-run inserts only what is missing. The three stores fill
// at once; a progress bar per store on stderr, a summary at the end. Needs `npm run build` first.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createLogger } from '@storefront/service-kit';
import { analyzeCatalog, bulkInsertProducts } from '../services/product/dist/data-access/bulk-seed.js';
import { createPostgresPool } from '../services/product/dist/data-access/connection.js';
import { migrate as migrateProducts } from '../services/product/dist/data-access/migrate.js';
import { scaleProductAt } from '../services/product/dist/data-access/seed-catalog.js';
import { scaleCustomerId } from '../services/user/dist/data-access/bulk-seed.js';
import { openUserDatabase } from '../services/user/dist/data-access/index.js';
import { createPasswordHasher } from '../services/user/dist/domain/passwords.js';
import { analyzeOrders, bulkInsertOrders } from '../services/order/dist/data-access/bulk-seed.js';
import { createMysqlPool } from '../services/order/dist/data-access/connection.js';
import { migrate as migrateOrders } from '../services/order/dist/data-access/migrate.js';

const usage =
  'usage: npm run seed -- [--products N] [--customers N] [--orders N]\n' +
  '  env: PRODUCT_DATABASE_URL (postgres://), MONGO_URL (mongodb://), ORDER_DATABASE_URL (mysql://),\n' +
  '       SEED_CUSTOMER_PASSWORD (every seeded customer signs in with it; default seeded-customer-password)';

/** Rows per statement: big enough to amortise the round trip, small enough to keep each transaction short. */
const BATCH = { products: 2_000, customers: 2_000, orders: 1_000 };
const MAX_COUNT = 10_000_000;
export const SEED_CUSTOMER_PASSWORD_DEFAULT = 'seeded-customer-password';

/** Throws an Error naming the bad flag or variable, for a one-line complaint. */
export function parseSeedArgs(args, env = process.env) {
  const { values } = parseArgs({
    args,
    options: { products: { type: 'string' }, customers: { type: 'string' }, orders: { type: 'string' } },
  });
  const counts = {};
  for (const name of ['products', 'customers', 'orders']) {
    const raw = values[name] ?? '0';
    const count = Number(raw);
    if (!/^\d+$/.test(raw) || count > MAX_COUNT)
      throw new Error(`--${name} must be a whole number 0-${MAX_COUNT}, got "${raw}"`);
    counts[name] = count;
  }
  if (counts.orders > 0 && (counts.customers === 0 || counts.products === 0))
    throw new Error('--orders needs --customers and --products (the orders are theirs)');
  const needs = {
    PRODUCT_DATABASE_URL: [counts.products > 0, /^postgres(ql)?:\/\//],
    MONGO_URL: [counts.customers > 0, /^mongodb(\+srv)?:\/\//],
    ORDER_DATABASE_URL: [counts.orders > 0, /^mysql:\/\//],
  };
  for (const [name, [needed, pattern]] of Object.entries(needs)) {
    if (needed && !pattern.test(env[name] ?? ''))
      throw new Error(`${name} must be a ${pattern.source.slice(1, -4)} URL, got "${env[name] ?? ''}"`);
  }
  return counts;
}

/** Runs `insert(from, to)` over [0, count) in batches, reporting after each one. */
async function inBatches(count, size, insert, report) {
  let done = 0;
  let inserted = 0;
  for (let from = 0; from < count; from += size) {
    const to = Math.min(count, from + size);
    inserted += await insert(from, to);
    done = to;
    report(done, inserted);
  }
  return inserted;
}

/**
 * Seeds the stores named by the counts; `env` holds their URLs. `onProgress(store, done, total)` follows each
 * store. Answers, per store, how many rows were asked for, how many were new, and the seconds it took.
 */
export async function seed(counts, { env = process.env, onProgress = () => {} } = {}) {
  const logger = createLogger('seed', 'warn');
  const summary = {};
  const track = (store, total, work) => {
    const started = performance.now();
    onProgress(store, 0, total);
    return work((done, inserted) => {
      summary[store] = { asked: total, inserted, seconds: (performance.now() - started) / 1000 };
      onProgress(store, done, total);
    });
  };
  const tasks = [];
  if (counts.products > 0) {
    tasks.push(
      track('products', counts.products, async (report) => {
        const pool = createPostgresPool(env.PRODUCT_DATABASE_URL, logger);
        try {
          await migrateProducts(pool);
          await inBatches(
            counts.products,
            BATCH.products,
            (from, to) => bulkInsertProducts(pool, from, to),
            report,
          );
          // Planner statistics for the new rows now, not whenever autovacuum comes by.
          await analyzeCatalog(pool);
        } finally {
          await pool.end();
        }
      }),
    );
  }
  if (counts.customers > 0) {
    tasks.push(
      track('customers', counts.customers, async (report) => {
        const db = await openUserDatabase(env.MONGO_URL);
        try {
          const passwordHash = await createPasswordHasher().hash(
            env.SEED_CUSTOMER_PASSWORD ?? SEED_CUSTOMER_PASSWORD_DEFAULT,
          );
          await inBatches(
            counts.customers,
            BATCH.customers,
            (from, to) => db.seedCustomers(from, to, passwordHash),
            report,
          );
        } finally {
          await db.close();
        }
      }),
    );
  }
  if (counts.orders > 0) {
    tasks.push(
      track('orders', counts.orders, async (report) => {
        await migrateOrders(env.ORDER_DATABASE_URL);
        const pool = createMysqlPool(env.ORDER_DATABASE_URL);
        const plan = {
          customers: counts.customers,
          products: counts.products,
          customerId: scaleCustomerId,
          product: scaleProductAt,
        };
        try {
          await inBatches(
            counts.orders,
            BATCH.orders,
            (from, to) => bulkInsertOrders(pool, from, to, plan),
            report,
          );
          await analyzeOrders(pool);
        } finally {
          await pool.end();
        }
      }),
    );
  }
  await Promise.all(tasks);
  return summary;
}

/** One bar per store, redrawn in place on a terminal; a line per tenth otherwise (logs, CI). */
function progressPrinter(stream = process.stderr) {
  const state = new Map();
  const started = performance.now();
  let drawn = 0;
  let lastTenth = new Map();
  const line = (store, { done, total }) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const seconds = (performance.now() - started) / 1000;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    return `${store.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${seconds.toFixed(0)}s`;
  };
  return (store, done, total) => {
    state.set(store, { done, total });
    if (stream.isTTY) {
      if (drawn > 0) stream.write(`\x1b[${drawn}A`);
      for (const [name, progress] of state) stream.write(`\x1b[2K${line(name, progress)}\n`);
      drawn = state.size;
      return;
    }
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (lastTenth.get(store) !== tenth) {
      lastTenth.set(store, tenth);
      stream.write(`${line(store, { done, total })}\n`);
    }
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let counts;
  try {
    counts = parseSeedArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`seed: ${error.message}\n${usage}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const summary = await seed(counts, { onProgress: progressPrinter() });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write('\nstore      asked        new   seconds   rows/s\n');
  for (const [store, { asked, inserted, seconds: took }] of Object.entries(summary)) {
    process.stdout.write(
      `${store.padEnd(9)} ${String(asked).padStart(9)} ${String(inserted).padStart(10)} ${took.toFixed(1).padStart(9)} ${String(Math.round(asked / Math.max(took, 0.001))).padStart(8)}\n`,
    );
  }
  process.stdout.write(`done in ${seconds.toFixed(1)} s (rows already there were left as they were)\n`);
}
