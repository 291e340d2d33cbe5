import mongoose, { type Connection } from 'mongoose';

// Filters are built from validated strings, and this strips any `$` operator that slips in anyway.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

export async function connectMongo(url: string, dbName?: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 5000,
    // The indexes are created once at start-up by the migration, never lazily on first use.
    autoIndex: false,
    autoCreate: false,
  });
  return connection.asPromise();
}

export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('not connected');
  await db.command({ ping: 1 });
}

/**
 * Multi-document transactions need a replica set or a sharded cluster; a standalone or dev server answers
 * `hello` without a set name.
 */
export async function supportsTransactions(connection: Connection): Promise<boolean> {
  const db = connection.db;
  if (!db) return false;
  try {
    const hello = await db.admin().command({ hello: 1 });
    const topologyOk = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
    return topologyOk && hello.logicalSessionTimeoutMinutes != null;
  } catch {
    return false;
  }
}
