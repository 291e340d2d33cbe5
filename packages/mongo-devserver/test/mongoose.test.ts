import mongoose, { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type TestMongo } from '../src/index.js';

interface User {
  email: string;
  name: string;
  role: 'customer' | 'editor' | 'admin';
  logins: number;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<User>(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    role: { type: String, enum: ['customer', 'editor', 'admin'], default: 'customer' },
    logins: { type: Number, default: 0 },
    tags: { type: [String], default: [] },
  },
  { timestamps: true },
);

describe('mongoose against the dev server', () => {
  let mongo: TestMongo;
  let connection: Connection;
  const Users = () => connection.model<User>('User', userSchema);

  beforeAll(async () => {
    mongo = await startMongo();
    connection = await mongoose.createConnection(mongo.url, { serverSelectionTimeoutMS: 5000 }).asPromise();
    await Users().init();
  });

  afterAll(async () => {
    await connection?.close();
    await mongo?.stop();
  });

  it('when a user registers, it can be found by its lowercased email with its timestamps', async () => {
    const created = await Users().create({ email: '  Ada@Example.COM ', name: 'Ada' });

    const found = await Users().findOne({ email: 'ada@example.com' }).lean();

    expect(found?._id.toHexString()).toBe(created._id.toHexString());
    expect(found?.name).toBe('Ada');
    expect(found?.role).toBe('customer');
    expect(found?.createdAt).toBeInstanceOf(Date);
  });

  it('when the same email registers twice in another case, the second save fails with E11000 code 11000', async () => {
    await Users().create({ email: 'grace@example.com', name: 'Grace' });

    const duplicate = Users().create({ email: 'GRACE@example.com', name: 'Impostor' });

    await expect(duplicate).rejects.toMatchObject({
      name: 'MongoServerError',
      code: 11000,
      keyValue: { email: 'grace@example.com' },
    });
    await expect(duplicate).rejects.toThrow(
      /E11000 duplicate key error collection: sf_test_\w+\.users index: email_1 dup key: \{ email: "grace@example.com" \}/,
    );
    expect(await Users().countDocuments({ email: 'grace@example.com' })).toBe(1);
  });

  it("when an update would take another user's email, it fails with code 11000 and changes nothing", async () => {
    await Users().create({ email: 'first@example.com', name: 'First' });
    await Users().create({ email: 'second@example.com', name: 'Second' });

    const clash = Users().updateOne(
      { email: 'second@example.com' },
      { $set: { email: 'first@example.com' } },
    );

    await expect(clash).rejects.toMatchObject({ code: 11000 });
    expect(await Users().exists({ email: 'second@example.com' })).not.toBeNull();
  });

  it('when a user is renamed and logs in, updateOne and findOneAndUpdate return and store the new values', async () => {
    await Users().create({ email: 'linus@example.com', name: 'Linus' });

    const renamed = await Users().updateOne({ email: 'linus@example.com' }, { $set: { name: 'Linus T.' } });
    const afterLogin = await Users().findOneAndUpdate(
      { email: 'linus@example.com' },
      { $inc: { logins: 1 }, $addToSet: { tags: 'kernel' } },
      { returnDocument: 'after' },
    );

    expect(renamed).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(afterLogin).toMatchObject({ name: 'Linus T.', logins: 1, tags: ['kernel'] });
    expect(afterLogin?.updatedAt.getTime()).toBeGreaterThanOrEqual(afterLogin!.createdAt.getTime());
  });

  it('when findOneAndUpdate upserts an unknown email, the new user gets the filter email and its $setOnInsert fields', async () => {
    const upserted = await Users().findOneAndUpdate(
      { email: 'new@example.com' },
      { $setOnInsert: { name: 'Newcomer', role: 'editor' } },
      { upsert: true, returnDocument: 'after' },
    );

    expect(upserted).toMatchObject({ email: 'new@example.com', name: 'Newcomer', role: 'editor' });
    expect(await Users().countDocuments({ role: 'editor' })).toBe(1);
  });

  it('when users are listed page by page, sort, skip, limit and projection apply', async () => {
    for (const n of [3, 1, 2]) await Users().create({ email: `page${n}@example.com`, name: `Page ${n}` });

    const page = await Users()
      .find({ email: /^page/ }, { name: 1 })
      .sort({ name: -1 })
      .skip(1)
      .limit(2)
      .lean();

    expect(page.map((u) => u.name)).toEqual(['Page 2', 'Page 1']);
    expect(page[0]).not.toHaveProperty('email');
  });

  it('when a user is deleted, it is gone and the count drops', async () => {
    await Users().create({ email: 'gone@example.com', name: 'Gone' });
    const before = await Users().countDocuments();

    const result = await Users().deleteOne({ email: 'gone@example.com' });

    expect(result.deletedCount).toBe(1);
    expect(await Users().findOne({ email: 'gone@example.com' })).toBeNull();
    expect(await Users().countDocuments()).toBe(before - 1);
    expect(await Users().estimatedDocumentCount()).toBe(before - 1);
  });

  it('when a schema drops one index and adds another, syncIndexes makes the collection match it', async () => {
    const before = new Schema({ sku: String, slug: String });
    before.index({ sku: 1 }, { unique: true });
    await connection.model('Item', before, 'items').init();
    connection.deleteModel('Item');
    const after = new Schema({ sku: String, slug: String });
    after.index({ slug: 1 });

    const dropped = await connection.model('Item', after, 'items').syncIndexes();

    const names = (await connection.collection('items').listIndexes().toArray()).map((index) => index.name);
    expect(dropped).toEqual(['sku_1']);
    expect(names).toEqual(['_id_', 'slug_1']);
  });
});
