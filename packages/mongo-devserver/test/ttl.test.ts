import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoDevServer, type MongoDevServer } from '../src/index.js';

// mongod's TTL monitor runs once a minute; the dev server's interval is a setting of its own, tested here only.
describe('the dev server TTL monitor', () => {
  let server: MongoDevServer;
  let client: MongoClient;

  beforeAll(async () => {
    server = await startMongoDevServer({ port: 0, ttlIntervalMs: 50 });
    client = await MongoClient.connect(server.url, { serverSelectionTimeoutMS: 5000 });
  });

  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('when a TTL index date has passed, the TTL monitor removes the expired documents only', async () => {
    const sessions = client.db('ttl_test').collection('sessions');
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await sessions.insertMany([
      { sid: 'old', expiresAt: new Date(Date.now() - 1000) },
      { sid: 'live', expiresAt: new Date(Date.now() + 60_000) },
      { sid: 'no-date' },
    ]);

    await expect.poll(() => sessions.countDocuments(), { timeout: 2000, interval: 50 }).toBe(2);

    expect((await sessions.find().toArray()).map((s) => s.sid).sort()).toEqual(['live', 'no-date']);
  });

  it('when many sessions are live and a few have expired, only the expired ones go', async () => {
    const sessions = client.db('ttl_test').collection('many');
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    const now = Date.now();
    await sessions.insertMany(
      Array.from({ length: 500 }, (_, i) => ({ i, expiresAt: new Date(now + (i < 3 ? -1000 : 60_000 + i)) })),
    );

    await expect.poll(() => sessions.countDocuments(), { timeout: 2000, interval: 50 }).toBe(497);

    expect(await sessions.countDocuments({ i: { $lt: 3 } })).toBe(0);
  });
});
