import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { Collection, type CollectionChange, type CollectionSnapshot } from './collection.js';

export interface EngineSnapshot {
  version: 1;
  databases: Record<string, Record<string, CollectionSnapshot>>;
  /** The last journal record the snapshot already contains; replay skips up to it. */
  appliedThrough?: number;
}

/** One change to the data set, in the order it happened: what the journal records. */
export type Change =
  | (CollectionChange & { db: string; collection: string })
  | { op: 'createCollection'; db: string; collection: string; options: Document }
  | { op: 'dropCollection'; db: string; collection: string }
  | { op: 'dropDatabase'; db: string };

/** All databases of the server; `onChange` hands every change to persistence. */
export class Engine {
  private readonly databases = new Map<string, Map<string, Collection>>();

  private onChange: ((change: Change) => void) | undefined;

  /** Changes from here on go to `record` (restoring and replaying happen before, unrecorded). */
  recordChanges(record: (change: Change) => void): void {
    this.onChange = record;
  }

  databaseNames(): string[] {
    return Array.from(this.databases.keys());
  }

  collections(db: string): Collection[] {
    return Array.from(this.databases.get(db)?.values() ?? []);
  }

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** Writes create their collection implicitly, as in mongod. */
  ensureCollection(db: string, name: string, options: Document = {}): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    return this.createCollection(db, name, options);
  }

  createCollection(db: string, name: string, options: Document = {}): Collection {
    if (!name || name.includes('$') || name.includes('\0')) {
      throw new CommandError('InvalidNamespace', `Invalid collection name: ${db}.${name}`);
    }
    if (this.collection(db, name))
      throw new CommandError('NamespaceExists', `Collection ${db}.${name} already exists.`);
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const collection = new Collection(db, name, options, (change) =>
      this.onChange?.({ ...change, db, collection: name }),
    );
    collections.set(name, collection);
    this.onChange?.({ op: 'createCollection', db, collection: name, options });
    return collection;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const collections = this.databases.get(db);
    const collection = collections?.get(name);
    if (!collections || !collection) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    this.onChange?.({ op: 'dropCollection', db, collection: name });
    return collection;
  }

  dropDatabase(db: string): void {
    if (this.databases.delete(db)) this.onChange?.({ op: 'dropDatabase', db });
  }

  /** One pass of the TTL monitor over every collection. */
  expire(now = Date.now()): number {
    let removed = 0;
    for (const collections of this.databases.values()) {
      for (const collection of collections.values()) removed += collection.expire(now);
    }
    return removed;
  }

  snapshot(): EngineSnapshot {
    const databases: EngineSnapshot['databases'] = {};
    for (const [db, collections] of this.databases) {
      databases[db] = Object.fromEntries(Array.from(collections, ([name, c]) => [name, c.snapshot()]));
    }
    return { version: 1, databases };
  }

  /** Replays a journaled change. */
  apply(change: Change): void {
    if (change.op === 'createCollection') this.ensureCollection(change.db, change.collection, change.options);
    else if (change.op === 'dropCollection') this.dropCollection(change.db, change.collection);
    else if (change.op === 'dropDatabase') this.dropDatabase(change.db);
    else this.ensureCollection(change.db, change.collection).apply(change);
  }

  restore(snapshot: EngineSnapshot): void {
    for (const [db, collections] of Object.entries(snapshot.databases)) {
      for (const [name, data] of Object.entries(collections))
        this.createCollection(db, name, data.options).restore(data);
    }
  }
}
