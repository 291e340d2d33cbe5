import { mongo } from 'mongoose';
import type { Models, UserDocument } from './models.js';

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Frances',
  'Niklaus',
  'Radia',
  'Tim',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
  'Allen',
  'Wirth',
  'Perlman',
  'Berners-Lee',
];

/** Customer number `n` of `npm run seed -- --customers N`: its id and email are fixed by `n`, so orders can name it. */
export const scaleCustomerId = (n: number) => `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
export const scaleCustomerEmail = (n: number) => `customer${n}@seed.storefront.test`;

/** The first seeded sign-up: fixed, so re-runs make identical rows. */
const SEED_START = Date.UTC(2025, 0, 1);

/**
 * Inserts customers `from` (inclusive) to `to` (exclusive) with one insertMany; those already there are skipped, so
 * a re-run adds only what is missing. Every seeded customer shares `passwordHash` (one argon2id hash: hashing
 * 100,000 passwords would take longer than the rest of the seed). Answers how many were new.
 */
export async function bulkInsertCustomers(
  models: Models,
  from: number,
  to: number,
  passwordHash: string,
): Promise<number> {
  const customers: UserDocument[] = Array.from({ length: to - from }, (_, k) => {
    const n = from + k;
    return {
      _id: scaleCustomerId(n),
      email: scaleCustomerEmail(n),
      name: `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`,
      role: 'customer',
      passwordHash,
      // Sign-ups every five minutes back from a fixed day: the admin's list pages through them in this order.
      createdAt: new Date(SEED_START + n * 300_000),
    };
  });
  try {
    // The driver's own insertMany: mongoose's would cast and validate each of 100,000 plain documents again.
    const result = await models.User.collection.insertMany(customers as unknown as mongo.Document[], {
      ordered: false,
    });
    return result.insertedCount;
  } catch (error) {
    // Already seeded: duplicate keys are expected on a re-run, anything else is a real failure.
    const duplicatesOnly =
      error instanceof mongo.MongoBulkWriteError &&
      (Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]).every(
        (e) => e.code === 11000,
      );
    if (!duplicatesOnly) throw error;
    return error.insertedCount;
  }
}
