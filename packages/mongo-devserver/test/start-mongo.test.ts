import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startMongo, startMongoDevServer } from '../src/index.js';
import { withDatabase } from '../src/start-mongo.js';

async function databaseNames(url: string): Promise<string[]> {
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5000 });
  try {
    return (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name);
  } finally {
    await client.close();
  }
}

describe('startMongo for tests', () => {
  const savedUrl = process.env.MONGO_URL;
  afterEach(() => {
    if (savedUrl === undefined) delete process.env.MONGO_URL;
    else process.env.MONGO_URL = savedUrl;
  });

  it('when MONGO_URL is unset, it serves a fresh sf_test_ database from its own dev server and stops it', async () => {
    delete process.env.MONGO_URL;

    const mongo = await startMongo();
    const client = await MongoClient.connect(mongo.url, { serverSelectionTimeoutMS: 5000 });
    await client.db().collection('things').insertOne({ ok: true });
    const count = await client.db().collection('things').countDocuments();
    await client.close();
    await mongo.stop();

    expect(mongo.url).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/sf_test_[0-9a-f]{12}$/);
    expect(count).toBe(1);
    await expect(MongoClient.connect(mongo.url, { serverSelectionTimeoutMS: 300 })).rejects.toThrow();
  });

  it('when MONGO_URL names a server, it uses a fresh database there and drops it on stop', async () => {
    const server = await startMongoDevServer({ port: 0 });
    process.env.MONGO_URL = `${server.url}/ignored?appName=tests`;
    try {
      const mongo = await startMongo();
      const database = new URL(mongo.url.replace(/^mongodb:/, 'http:')).pathname.slice(1);
      const client = await MongoClient.connect(mongo.url, { serverSelectionTimeoutMS: 5000 });
      await client.db().collection('things').insertOne({ ok: true });
      await client.close();
      const during = await databaseNames(server.url);

      await mongo.stop();

      expect(mongo.url).toContain('appName=tests');
      expect(during).toContain(database);
      expect(await databaseNames(server.url)).not.toContain(database);
    } finally {
      await server.stop();
    }
  });

  it('when the URL carries credentials, the original database stays the auth source', () => {
    expect(withDatabase('mongodb://u:p@h1:1,h2:2/admin?tls=false', 'sf_test_x')).toBe(
      'mongodb://u:p@h1:1,h2:2/sf_test_x?tls=false&authSource=admin',
    );
    expect(withDatabase('mongodb://u:p@h', 'sf_test_x')).toBe('mongodb://u:p@h/sf_test_x?authSource=admin');
    expect(withDatabase('mongodb://h:27017', 'sf_test_x')).toBe('mongodb://h:27017/sf_test_x');
  });
});
