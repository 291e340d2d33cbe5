import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMongoDevServer } from './server.js';

export interface TestMongo {
  /** A connection string whose path is a fresh database, e.g. `mongodb://127.0.0.1:40123/sf_test_1a2b3c`. */
  url: string;
  /** Drops that database (real server) or stops the dev server and removes its file. */
  stop(): Promise<void>;
}

/**
 * Points `url` at database `name`, keeping hosts and options. When the URL carries credentials without an
 * explicit authSource, the original database (or admin) stays the auth source: changing the path would
 * otherwise move authentication to the new, user-less database.
 */
export function withDatabase(url: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url);
  if (!match) throw new Error(`MONGO_URL is not a mongodb:// connection string: ${url}`);
  const [, scheme, authority = '', path = '', query = ''] = match;
  const params = new URLSearchParams(query);
  if (authority.includes('@') && !params.has('authSource')) params.set('authSource', path || 'admin');
  const search = params.toString();
  return `${scheme}${authority}/${name}${search ? `?${search}` : ''}`;
}

/**
 * A throw-away database for a test run: on the real server named by MONGO_URL when set, otherwise on a
 * dev server started on a random port with its own temporary data file.
 */
export async function startMongo(): Promise<TestMongo> {
  const database = `sf_test_${randomBytes(6).toString('hex')}`;
  const external = process.env.MONGO_URL;
  if (external) {
    const url = withDatabase(external, database);
    return {
      url,
      async stop() {
        const { MongoClient } = await import('mongodb');
        const client = new MongoClient(url);
        try {
          await client.db(database).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  }
  const directory = await mkdtemp(join(tmpdir(), 'mongo-devserver-'));
  const server = await startMongoDevServer({ port: 0, file: join(directory, 'data.json') });
  return {
    url: `${server.url}/${database}`,
    async stop() {
      await server.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
