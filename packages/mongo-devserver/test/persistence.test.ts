import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

  it('when a write is acknowledged, it is already on disk: a copy of the files taken then holds it', async () => {
    const server = await startMongoDevServer({ port: 0, file });
    const copy = join(directory, 'copy', 'mongo.json');
    try {
      await withClient(server.url, (client) =>
        client.db('shop').collection('events').insertOne({ kind: 'visit' }),
      );
      // No stop, no flush: what a power cut right now would leave behind.
      await mkdir(dirname(copy), { recursive: true });
      await copyFile(file, copy);
      await copyFile(`${file}.journal`, `${copy}.journal`);
    } finally {
      await server.stop();
    }

    const restored = await startMongoDevServer({ port: 0, file: copy });
    try {
      const events = await withClient(restored.url, (client) =>
        client
          .db('shop')
          .collection('events')
          .find({}, { projection: { _id: 0 } })
          .toArray(),
      );
      expect(events).toEqual([{ kind: 'visit' }]);
    } finally {
      await restored.stop();
    }
  });

  it('when a second server starts on a data file in use, it is refused and names the owner', async () => {
    const first = await startMongoDevServer({ port: 0, file });
    try {
      const second = startMongoDevServer({ port: 0, file });

      await expect(second).rejects.toThrow(
        `data file ${file} is in use by another mongo-devserver (pid ${process.pid})`,
      );
    } finally {
      await first.stop();
    }
  });

  it('when the owner of a lock is gone, a new server takes the data file over', async () => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.lock`, '999999999');

    const server = await startMongoDevServer({ port: 0, file });
    await server.stop();

    expect(await readdir(dirname(file))).not.toContain('mongo.json.lock');
  });

  it('when the data file is empty, the start fails loudly instead of serving an empty database', async () => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '');

    const start = startMongoDevServer({ port: 0, file });

    await expect(start).rejects.toThrow(`data file ${file} is empty`);
    expect(await readdir(dirname(file))).not.toContain('mongo.json.lock');
  });

  it('when the data file is not a snapshot, the start fails and names the file', async () => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '{"version":1,"databases":{"shop":');

    await expect(startMongoDevServer({ port: 0, file })).rejects.toThrow(
      `data file ${file} is not valid Extended JSON`,
    );
  });

  it('when the last journal record was cut short by a crash, the records before it are served', async () => {
    const first = await startMongoDevServer({ port: 0, file });
    await withClient(first.url, async (client) => {
      await client.db('shop').collection('events').insertOne({ n: 1 });
      await client.db('shop').collection('events').insertOne({ n: 2 });
    });
    const journal = await readFile(`${file}.journal`);
    const copy = join(directory, 'torn', 'mongo.json');
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(file, copy);
    await first.stop();
    await writeFile(`${copy}.journal`, journal.subarray(0, journal.length - 5));

    const second = await startMongoDevServer({ port: 0, file: copy });
    try {
      const events = await withClient(second.url, (client) =>
        client
          .db('shop')
          .collection('events')
          .find({}, { projection: { _id: 0 } })
          .toArray(),
      );
      expect(events).toEqual([{ n: 1 }]);
    } finally {
      await second.stop();
    }
  });

  it('when a journal record in the middle is damaged, the start is refused', async () => {
    const first = await startMongoDevServer({ port: 0, file });
    await withClient(first.url, async (client) => {
      await client.db('shop').collection('events').insertOne({ n: 1 });
      await client.db('shop').collection('events').insertOne({ n: 2 });
    });
    const journal = Buffer.from(await readFile(`${file}.journal`));
    const copy = join(directory, 'damaged', 'mongo.json');
    await mkdir(dirname(copy), { recursive: true });
    await copyFile(file, copy);
    await first.stop();
    journal[12] = (journal[12] ?? 0) ^ 0xff;
    await writeFile(`${copy}.journal`, journal);

    await expect(startMongoDevServer({ port: 0, file: copy })).rejects.toThrow(
      `data file ${copy}.journal has a damaged record at byte 0`,
    );
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
