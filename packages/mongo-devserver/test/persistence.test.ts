import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMongoDevServer } from '../src/index.js';

async function withClient<T>(url: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5000 });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('a dev server with a data file', () => {
  let directory: string;
  let file: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'mongo-devserver-test-'));
    file = join(directory, 'nested', 'mongo.json');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('when it is stopped and started again on the same file, documents, types and unique indexes survive', async () => {
    const id = new ObjectId();
    const joined = new Date('2023-05-01T10:00:00.000Z');
    const first = await startMongoDevServer({ port: 0, file });
    await withClient(first.url, async (client) => {
      const users = client.db('shop').collection('users');
      await users.createIndex({ email: 1 }, { unique: true });
      await users.insertOne({ _id: id, email: 'ada@example.com', joined, visits: 3 });
    });
    await first.stop();

    const second = await startMongoDevServer({ port: 0, file });
    try {
      await withClient(second.url, async (client) => {
        const users = client.db('shop').collection('users');
        const restored = await users.findOne({ _id: id });
        const duplicate = users.insertOne({ email: 'ada@example.com' });

        expect(restored).toEqual({ _id: id, email: 'ada@example.com', joined, visits: 3 });
        expect(restored?._id).toBeInstanceOf(ObjectId);
        await expect(duplicate).rejects.toMatchObject({ code: 11000 });
      });
    } finally {
      await second.stop();
    }
    expect((await readdir(join(directory, 'nested'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('when it keeps running, a write reaches the file shortly afterwards without a stop', async () => {
    const server = await startMongoDevServer({ port: 0, file });
    try {
      await withClient(server.url, (client) =>
        client.db('shop').collection('events').insertOne({ kind: 'visit' }),
      );

      await expect
        .poll(async () => readFile(file, 'utf8').catch(() => ''), { timeout: 3000, interval: 50 })
        .toContain('"kind":"visit"');
    } finally {
      await server.stop();
    }
  });

  it('when no file is given, a restart starts empty', async () => {
    const first = await startMongoDevServer({ port: 0 });
    await withClient(first.url, (client) => client.db('shop').collection('carts').insertOne({ items: [] }));
    await first.stop();

    const second = await startMongoDevServer({ port: 0 });
    try {
      const names = await withClient(second.url, async (client) =>
        (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name),
      );
      expect(names).not.toContain('shop');
    } finally {
      await second.stop();
    }
  });
});
