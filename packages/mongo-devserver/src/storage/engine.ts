import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { Collection, type CollectionSnapshot } from './collection.js';

export type EngineSnapshot = { version: 1; databases: Record<string, Record<string, CollectionSnapshot>> };

/** All databases of the server; `onChange` lets persistence know when to write. */
export class Engine {
  private readonly databases = new Map<string, Map<string, Collection>>();

  constructor(private readonly onChange: () => void = () => {}) {}

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
    const collection = new Collection(db, name, options, this.onChange);
    collections.set(name, collection);
    this.onChange();
    return collection;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const collections = this.databases.get(db);
    const collection = collections?.get(name);
    if (!collections || !collection) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    this.onChange();
    return collection;
  }

  dropDatabase(db: string): void {
    if (this.databases.delete(db)) this.onChange();
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

  restore(snapshot: EngineSnapshot): void {
    for (const [db, collections] of Object.entries(snapshot.databases)) {
      for (const [name, data] of Object.entries(collections))
        this.createCollection(db, name, data.options).restore(data);
    }
  }
}
