import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type TestMongo } from '@storefront/mongo-devserver';
import { mongoPlanStages, mongoPlanUsesIndex, uniqueName } from '@storefront/testkit';
import { openUserDatabase, type UserDatabase } from '../src/data-access/index.js';
import { registerModels, type Models } from '../src/data-access/models.js';
import { CLAIM_ORDER, claimableFilter, strandedEventFilter } from '../src/data-access/outbox-store.js';
import { USER_PAGE_ORDER, userPageFilter } from '../src/data-access/users-repository.js';

const USERS = 3_000;
const SENT_ROWS = 3_000;

// On the dev server these plans are its in-memory indexes; with MONGO_URL set, the same checks hold on mongod.
describe('the hot user queries read through indexes', () => {
  let mongo: TestMongo;
  let db: UserDatabase;
  let models: Models;
  const start = Date.UTC(2024, 0, 1);

  beforeAll(async () => {
    mongo = await startMongo();
    db = await openUserDatabase(mongo.url, { dbName: uniqueName() });
    models = registerModels(db.connection);
    await db.connection.collection('users').insertMany(
      Array.from({ length: USERS }, (_, i) => ({
        _id: `user-${i}` as never,
        email: `user${i}@example.com`,
        name: `User ${i}`,
        role: 'customer',
        passwordHash: 'not-a-real-hash',
        createdAt: new Date(start + i * 1000),
        ...(i % 1000 === 7 ? { pendingEvent: { id: `event-${i}` } } : {}),
      })),
    );
    await db.connection.collection('outbox').insertMany(
      Array.from({ length: SENT_ROWS }, (_, i) => ({
        _id: `row-${i}` as never,
        type: 'user.registered',
        payload: {},
        createdAt: new Date(start + i * 1000),
        sentAt: i < SENT_ROWS - 3 ? new Date(start + i * 1000 + 500) : null,
        claimedUntil: null,
      })),
    );
  });

  afterAll(async () => {
    await db?.connection.dropDatabase();
    await db?.close();
    await mongo?.stop();
  });

  it('when someone signs in by email or the admin pages through users, an index answers without a sort', async () => {
    const signIn = await models.User.findOne({ email: 'user1234@example.com' }).explain();
    const firstPage = await models.User.find(userPageFilter(undefined))
      .sort(USER_PAGE_ORDER)
      .limit(20)
      .explain();

    expect(mongoPlanUsesIndex(signIn)).toBe(true);
    expect(mongoPlanUsesIndex(firstPage)).toBe(true);
  });

  it('when the relay claims with thousands of sent rows behind, it reads the pending index, never the collection', async () => {
    // The read half of the claim's findOneAndUpdate (mongoose explains only finds).
    const claim = await models.Outbox.find(claimableFilter(new Date())).sort(CLAIM_ORDER).limit(1).explain();
    const stranded = await models.User.find(strandedEventFilter()).limit(100).explain();

    expect(mongoPlanStages(claim)).toContain('IXSCAN');
    expect(mongoPlanStages(claim)).not.toContain('COLLSCAN');
    expect(mongoPlanStages(stranded)).toContain('IXSCAN');
    expect(mongoPlanStages(stranded)).not.toContain('COLLSCAN');
  });

  it('when sent rows are pruned, only those sent before the cut-off go, oldest first and a batch at a time', async () => {
    const cutOff = new Date(start + 100 * 1000);

    const first = await db.outbox.pruneSent(cutOff, 40);
    const second = await db.outbox.pruneSent(cutOff, 500);
    const third = await db.outbox.pruneSent(cutOff, 500);
    const oldest = await models.Outbox.findOne({}).sort({ createdAt: 1 }).lean();

    expect([first, second, third]).toEqual([40, 60, 0]);
    expect(oldest?._id).toBe('row-100');
    expect(await models.Outbox.countDocuments({ sentAt: null })).toBe(3);
  });
});
