import { MongoClient, type Collection, type Db, type Filter } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongoPlanStages, mongoPlanUsesIndex } from '@storefront/testkit';
import { startMongo, type TestMongo } from '../src/index.js';

interface Member {
  _id: string;
  email: string;
  createdAt: Date;
  plan: string;
  tags: string[];
  pending?: { id: string };
}

// Like driver.test.ts, this runs unchanged against a real MongoDB when MONGO_URL is set.
describe('reads through declared indexes', () => {
  let mongo: TestMongo;
  let client: MongoClient;
  let db: Db;
  let members: Collection<Member>;
  const start = Date.UTC(2024, 0, 1);

  beforeAll(async () => {
    mongo = await startMongo();
    client = await MongoClient.connect(mongo.url, { serverSelectionTimeoutMS: 5000 });
    db = client.db();
    members = db.collection<Member>('members');
    await members.createIndex({ email: 1 }, { unique: true });
    await members.createIndex({ createdAt: 1, _id: 1 });
    await members.createIndex({ plan: 1 });
    await members.createIndex({ 'pending.id': 1 }, { sparse: true });
    await members.insertMany(
      Array.from({ length: 300 }, (_, i) => ({
        _id: `m${String(i).padStart(4, '0')}`,
        email: `member${i}@example.com`,
        // Inserted out of order on purpose: the index, not insertion, gives the order.
        createdAt: new Date(start + ((i * 7919) % 300) * 60_000),
        plan: i % 10 === 0 ? 'gold' : 'basic',
        tags: [`t${i % 3}`],
        ...(i % 100 === 5 ? { pending: { id: `e${i}` } } : {}),
      })),
    );
  });

  afterAll(async () => {
    await client?.close();
    await mongo?.stop();
  });

  it('when a member is read by _id or by unique email, the plan uses an index and the member comes back', async () => {
    const byId = members.find({ _id: 'm0042' });
    const byEmail = members.find({ email: 'member42@example.com' });

    expect(mongoPlanUsesIndex(await byId.explain())).toBe(true);
    expect(mongoPlanUsesIndex(await byEmail.explain())).toBe(true);
    expect((await byId.toArray()).map((m) => m.email)).toEqual(['member42@example.com']);
    expect((await byEmail.toArray()).map((m) => m._id)).toEqual(['m0042']);
  });

  it('when a page is read in an index order with a keyset filter, it needs no in-memory sort and pages in order', async () => {
    const query = (after?: Member) =>
      members
        .find(
          after
            ? {
                $or: [
                  { createdAt: { $gt: after.createdAt } },
                  { createdAt: after.createdAt, _id: { $gt: after._id } },
                ],
              }
            : {},
        )
        .sort({ createdAt: 1, _id: 1 })
        .limit(20);

    const first = await query().toArray();
    const second = await query(first.at(-1)).toArray();
    const newest = await members.find({}).sort({ createdAt: -1, _id: -1 }).limit(1).toArray();

    expect(mongoPlanUsesIndex(await query().explain())).toBe(true);
    const times = [...first, ...second].map((m) => m.createdAt.getTime());
    expect(times).toEqual(Array.from({ length: 40 }, (_, i) => start + i * 60_000));
    expect(newest[0]?.createdAt.getTime()).toBe(start + 299 * 60_000);
  });

  it('when every page is read by its keyset, rising or falling, with ties, the pages are the sorted whole', async () => {
    const visits = db.collection<{ _id: string; at: Date; n: number }>('visits');
    await visits.createIndex({ at: 1, _id: 1 });
    await visits.insertMany(
      // Four visits a minute, inserted out of order; a page boundary falls inside a minute.
      Array.from({ length: 120 }, (_, i) => ({
        _id: `v${String((i * 37) % 120).padStart(3, '0')}`,
        at: new Date(start + Math.floor(((i * 37) % 120) / 4) * 60_000),
        n: i,
      })),
    );
    const pages = async (direction: 1 | -1) => {
      const [past, within] = direction === 1 ? (['$gt', '$gte'] as const) : (['$lt', '$lte'] as const);
      // A bound every visit meets, beside the keyset's own: the walk starts at the tighter of the two.
      const everyVisit = new Date(direction === 1 ? start - 60_000 : start + 60 * 60_000);
      const seen: string[] = [];
      for (let last: { _id: string; at: Date } | undefined; ;) {
        const filter = last
          ? {
              $and: [
                { at: { [within]: everyVisit } },
                { $or: [{ at: { [past]: last.at } }, { at: last.at, _id: { [past]: last._id } }] },
              ],
            }
          : {};
        const page = await visits.find(filter).sort({ at: direction, _id: direction }).limit(7).toArray();
        if (page.length === 0) return seen;
        seen.push(...page.map((visit) => visit._id));
        last = page.at(-1);
      }
    };

    const minute = (m: number) => new Date(start + m * 60_000);
    const firstTen = async (filter: Filter<{ _id: string; at: Date; n: number }>) =>
      (await visits.find(filter).sort({ at: 1, _id: 1 }).limit(10).toArray()).map((visit) => visit._id);

    const rising = await pages(1);
    const falling = await pages(-1);
    // Alternatives start where the earliest of them may: one bounded later, one earlier, one not at all.
    const eitherBound = await firstTen({
      $or: [{ at: { $gte: minute(20) } }, { at: { $gte: minute(5) }, n: 1 }],
    });
    const oneUnbounded = await firstTen({ $or: [{ at: { $gte: minute(20) } }, { n: 1 }] });
    const all = (await visits.find({}).toArray()).sort(
      (a, b) => a.at.getTime() - b.at.getTime() || (a._id < b._id ? -1 : 1),
    );
    const whole = all.map((visit) => visit._id);
    const expected = (keep: (visit: (typeof all)[number]) => boolean) =>
      all
        .filter(keep)
        .slice(0, 10)
        .map((visit) => visit._id);

    expect(rising).toEqual(whole);
    expect(falling).toEqual([...whole].reverse());
    expect(eitherBound).toEqual(expected((v) => v.at >= minute(20) || (v.at >= minute(5) && v.n === 1)));
    expect(oneUnbounded).toEqual(expected((v) => v.at >= minute(20) || v.n === 1));
  });

  it('when a filter has no index, the plan scans the collection', async () => {
    const explain = await members.find({ tags: 't1' }).explain();

    expect(mongoPlanStages(explain)).toContain('COLLSCAN');
    expect(mongoPlanUsesIndex(explain)).toBe(false);
  });

  it('when indexed fields change or members leave, lookups by index agree with a full scan', async () => {
    await members.updateOne({ _id: 'm0010' }, { $set: { plan: 'basic', email: 'moved@example.com' } });
    await members.deleteOne({ _id: 'm0020' });
    await members.updateMany({ plan: 'gold' }, { $set: { tags: ['vip'] } });

    const indexed = await members.find({ plan: { $in: ['gold'] } }).toArray();
    // $nor of the opposite has no index to use: the reference answer by scanning.
    const scanned = await members.find({ $nor: [{ plan: { $ne: 'gold' } }] }).toArray();
    const oldEmail = await members.findOne({ email: 'member10@example.com' });
    const newEmail = await members.findOne({ email: 'moved@example.com' });

    expect(indexed.map((m) => m._id).sort()).toEqual(scanned.map((m) => m._id).sort());
    expect(indexed).toHaveLength(28);
    expect(oldEmail).toBeNull();
    expect(newEmail?._id).toBe('m0010');
    expect(await members.countDocuments({ plan: 'gold' })).toBe(28);
  });

  it('when members with a pending event are sought through a sparse index, only those come back', async () => {
    const query = members.find({ 'pending.id': { $exists: true } });

    const found = await query.toArray();

    expect(found.map((m) => m._id).sort()).toEqual(['m0005', 'm0105', 'm0205']);
    expect(mongoPlanStages(await query.explain())).not.toContain('COLLSCAN');
  });
});
