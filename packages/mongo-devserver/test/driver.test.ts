import { Binary, Decimal128, Long, MongoClient, MongoServerError, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type TestMongo } from '../src/index.js';

interface Cart {
  _id: string;
  lines: { sku: string; qty: number }[];
  total: number;
  history?: string[];
}

// With MONGO_URL set this suite runs unchanged against that real MongoDB, so the dev server cannot drift from it.
describe('the MongoDB driver against the dev server (or MONGO_URL)', () => {
  let mongo: TestMongo;
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    mongo = await startMongo();
    client = await MongoClient.connect(mongo.url, { serverSelectionTimeoutMS: 5000 });
    db = client.db();
  });

  afterAll(async () => {
    await client?.db(`${db.databaseName}_a`).dropDatabase();
    await client?.close();
    await mongo?.stop();
  });

  it('when a client asks for a command the server lacks, the error names the command with code 59', async () => {
    const attempt = db.command({ noSuchCommand: 1 });

    await expect(attempt).rejects.toBeInstanceOf(MongoServerError);
    await expect(attempt).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    await expect(attempt).rejects.toThrow('noSuchCommand');
  });

  it('when documents hold BSON types, they come back with the same types and values', async () => {
    const doc = {
      _id: new ObjectId(),
      at: new Date('2024-02-29T12:34:56.789Z'),
      big: Long.fromString('9007199254740993'),
      price: Decimal128.fromString('19.99'),
      bytes: new Binary(Buffer.from('hello')),
      nested: { list: [1, 'two', null, { three: true }] },
    };
    await db.collection('types').insertOne(doc);

    const found = await db.collection('types').findOne({ _id: doc._id }, { promoteLongs: false });

    expect(found?.at).toEqual(doc.at);
    expect(found?.big.toString()).toBe('9007199254740993');
    expect(found?.price.toString()).toBe('19.99');
    expect(Buffer.from((found?.bytes as Binary).buffer).toString()).toBe('hello');
    expect(found?.nested).toEqual(doc.nested);
  });

  it('when a query matches more than one batch, getMore pages through every document in order', async () => {
    const items = db.collection('many');
    await items.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));

    const all = await items.find({}, { batchSize: 40 }).sort({ i: -1 }).toArray();

    expect(all).toHaveLength(250);
    expect(all[0]?.i).toBe(249);
    expect(all.at(-1)?.i).toBe(0);
  });

  it('when a collation has strength 2, emails differing only in case collide in the index and match in queries', async () => {
    const accounts = db.collection('accounts');
    await accounts.createIndex({ email: 1 }, { unique: true, collation: { locale: 'en', strength: 2 } });
    await accounts.insertOne({ email: 'Ada@Example.com' });

    const found = await accounts.findOne(
      { email: 'ADA@example.com' },
      { collation: { locale: 'en', strength: 2 } },
    );

    await expect(accounts.insertOne({ email: 'ada@example.COM' })).rejects.toMatchObject({ code: 11000 });
    expect(found?.email).toBe('Ada@Example.com');
    expect(await accounts.findOne({ email: 'ADA@example.com' })).toBeNull();
  });

  it('when a unique index is sparse or partial, documents it leaves out never collide', async () => {
    const profiles = db.collection('profiles');
    await profiles.createIndex({ handle: 1 }, { unique: true, sparse: true });
    await profiles.createIndex({ phone: 1 }, { unique: true, partialFilterExpression: { verified: true } });

    await profiles.insertMany([
      { name: 'a' },
      { name: 'b' },
      { phone: '1', verified: false },
      { phone: '1', verified: true },
    ]);
    const clash = profiles.insertOne({ phone: '1', verified: true });

    await expect(clash).rejects.toMatchObject({ code: 11000 });
    expect(await profiles.countDocuments()).toBe(4);
  });

  it('when an unordered insertMany holds a duplicate _id, the others are stored and the error lists the duplicate', async () => {
    const id = new ObjectId();
    const batch = db.collection('batch').insertMany([{ _id: id }, { _id: id }, { n: 3 }], { ordered: false });

    await expect(batch).rejects.toMatchObject({
      code: 11000,
      writeErrors: [expect.objectContaining({ index: 1 })],
    });
    expect(await db.collection('batch').countDocuments()).toBe(2);
  });

  it('when updates use operators, arrayFilters, pipelines and upserts, the stored documents follow mongod semantics', async () => {
    const carts = db.collection<Cart>('carts');
    await carts.insertOne({
      _id: 'c1',
      lines: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 5 },
      ],
      total: 0,
    });

    await carts.updateOne(
      { _id: 'c1' },
      { $inc: { 'lines.$[big].qty': 1 } },
      { arrayFilters: [{ 'big.qty': { $gte: 5 } }] },
    );
    await carts.updateOne({ _id: 'c1' }, [{ $set: { total: { $sum: '$lines.qty' } } }]);
    await carts.updateOne({ _id: 'c1' }, { $pull: { lines: { sku: 'a' } }, $push: { history: 'pulled a' } });
    const upsert = await carts.updateOne(
      { _id: 'c2' },
      { $set: { lines: [] }, $setOnInsert: { total: 0 } },
      { upsert: true },
    );

    expect(await carts.findOne({ _id: 'c1' })).toEqual({
      _id: 'c1',
      lines: [{ sku: 'b', qty: 6 }],
      total: 7,
      history: ['pulled a'],
    });
    expect(upsert.upsertedId).toBe('c2');
    expect(await carts.findOne({ _id: 'c2' })).toEqual({ _id: 'c2', lines: [], total: 0 });
  });

  it('when an update would change _id, it is refused as an immutable field', async () => {
    await db.collection<{ _id: number }>('ids').insertOne({ _id: 1 });

    const change = db.collection<{ _id: number }>('ids').replaceOne({ _id: 1 }, { _id: 2 });

    await expect(change).rejects.toMatchObject({ code: 66 });
  });

  it('when orders are aggregated, $match, $group, $sort, $lookup and distinct give the totals', async () => {
    await db.collection<{ _id: string; name: string }>('customers').insertMany([
      { _id: 'u1', name: 'Ada' },
      { _id: 'u2', name: 'Bob' },
    ]);
    await db.collection('orders').insertMany([
      { user: 'u1', total: 10, status: 'paid' },
      { user: 'u1', total: 5, status: 'paid' },
      { user: 'u2', total: 7, status: 'paid' },
      { user: 'u2', total: 100, status: 'cancelled' },
    ]);

    const totals = await db
      .collection('orders')
      .aggregate([
        { $match: { status: 'paid' } },
        { $group: { _id: '$user', spent: { $sum: '$total' } } },
        { $lookup: { from: 'customers', localField: '_id', foreignField: '_id', as: 'customer' } },
        { $project: { _id: 0, name: { $first: '$customer.name' }, spent: 1 } },
        { $sort: { spent: -1 } },
      ])
      .toArray();
    const statuses = await db.collection('orders').distinct('status');

    expect(totals).toEqual([
      { spent: 15, name: 'Ada' },
      { spent: 7, name: 'Bob' },
    ]);
    expect(statuses.sort()).toEqual(['cancelled', 'paid']);
  });

  it('when findOneAndDelete and findOneAndReplace run, they return the document as it was', async () => {
    const notes = db.collection('notes');
    await notes.insertMany([{ n: 1 }, { n: 2 }]);

    const replaced = await notes.findOneAndReplace({ n: 1 }, { n: 10 }, { projection: { _id: 0 } });
    const deleted = await notes.findOneAndDelete({}, { sort: { n: -1 } });

    expect(replaced).toEqual({ n: 1 });
    expect(deleted?.n).toBe(10);
    expect(await notes.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ n: 2 }]);
  });

  it('when a projection names fields, only those come back, in the order the document holds them', async () => {
    const people = db.collection<{ _id: string; [field: string]: unknown }>('people');
    await people.insertMany([
      { _id: 'p1', name: 'Ann', email: 'ann@example.test', address: { city: 'Ghent', zip: '9000' } },
      { _id: 'p2', email: 'bo@example.test', name: 'Bo' },
    ]);
    const found = (projection: Record<string, unknown>) =>
      people.find({}, { projection, sort: { _id: 1 } }).toArray();

    const kept = await found({ email: 1, name: true, missing: 1 });
    const withoutId = await found({ name: 1, _id: 0 });
    const nested = await found({ 'address.city': 1, _id: 0 });
    const excluded = await found({ address: 0, email: 0 });

    expect(kept.map((doc) => Object.keys(doc))).toEqual([
      ['_id', 'name', 'email'],
      ['_id', 'email', 'name'],
    ]);
    expect(kept[0]).toEqual({ _id: 'p1', name: 'Ann', email: 'ann@example.test' });
    expect(withoutId).toEqual([{ name: 'Ann' }, { name: 'Bo' }]);
    expect(nested).toEqual([{ address: { city: 'Ghent' } }, {}]);
    expect(excluded).toEqual([
      { _id: 'p1', name: 'Ann' },
      { _id: 'p2', name: 'Bo' },
    ]);
  });

  it('when indexes and collections are managed, list, drop and the errors mirror mongod', async () => {
    const tags = db.collection('tags');
    await tags.createIndex({ label: 1 }, { name: 'label_idx' });

    const names = (await tags.listIndexes().toArray()).map((index) => index.name);
    await tags.dropIndex('label_idx');
    const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);

    expect(names).toEqual(['_id_', 'label_idx']);
    await expect(tags.dropIndex('label_idx')).rejects.toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    expect(collections).toContain('tags');
    await expect(db.createCollection('tags')).rejects.toMatchObject({
      code: 48,
      codeName: 'NamespaceExists',
    });
    expect(await tags.drop()).toBe(true);
  });

  it('when two databases hold a collection of the same name, their documents stay apart', async () => {
    const [tenantA, tenantB] = [`${db.databaseName}_a`, `${db.databaseName}_b`];
    await client.db(tenantA).collection('items').insertOne({ owner: 'a' });
    await client.db(tenantB).collection('items').insertOne({ owner: 'b' });

    const a = await client
      .db(tenantA)
      .collection('items')
      .find({}, { projection: { _id: 0 } })
      .toArray();
    await client.db(tenantB).dropDatabase();
    const databases = (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map(
      (d) => d.name,
    );

    expect(a).toEqual([{ owner: 'a' }]);
    expect(databases).toContain(tenantA);
    expect(databases).not.toContain(tenantB);
  });

  it('when a transaction is attempted, it is refused as on a standalone mongod and nothing is written', async () => {
    const session = client.startSession();
    try {
      const attempt = session.withTransaction(() => db.collection('tx').insertOne({ a: 1 }, { session }));

      // The driver rewords mongod's code 20 into its retryable-writes hint, keeping the server error inside.
      await expect(attempt).rejects.toMatchObject({
        originalError: { code: 20, codeName: 'IllegalOperation' },
      });
    } finally {
      await session.endSession();
    }
    expect(await db.collection('tx').countDocuments()).toBe(0);
  });
});
