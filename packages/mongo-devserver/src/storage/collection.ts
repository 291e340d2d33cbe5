import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { valueKey, valuesAtPath, withId } from '../documents.js';
import { ID_INDEX, Index, type IndexSpec } from './indexes.js';

export interface CollectionSnapshot {
  options: Document;
  indexes: IndexSpec[];
  documents: Document[];
}

/** One change to a collection, as the journal records it and replays it. */
export type CollectionChange =
  | { op: 'insert'; doc: Document }
  | { op: 'replace'; doc: Document }
  | { op: 'remove'; id: unknown }
  | { op: 'createIndex'; spec: IndexSpec }
  | { op: 'dropIndex'; name: string };

/** Documents in insertion order keyed by their `_id`, plus the indexes that guard and find them. */
export class Collection {
  private readonly docs = new Map<string, Document>();
  /** Insertion rank of each document, so index lookups can hand back natural order like a scan. */
  private readonly rank = new Map<string, number>();
  private nextRank = 0;
  private readonly indexList: Index[] = [];

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document,
    private readonly changed: (change: CollectionChange) => void,
  ) {
    this.indexList.push(new Index(ID_INDEX, this.namespace));
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  documents(): Document[] {
    return Array.from(this.docs.values());
  }

  /** The stored document with this `_id`, without a scan. */
  byId(id: unknown): Document | undefined {
    return this.docs.get(valueKey(id));
  }

  /** Documents by their id keys (as indexes hold them), in natural order. */
  byKeys(keys: Iterable<string>): Document[] {
    const found = [...keys].filter((key) => this.docs.has(key));
    found.sort((a, b) => (this.rank.get(a) ?? 0) - (this.rank.get(b) ?? 0));
    return found.map((key) => this.docs.get(key) as Document);
  }

  indexes(): IndexSpec[] {
    return this.indexList.map((index) => index.spec);
  }

  indexObjects(): readonly Index[] {
    return this.indexList;
  }

  insert(input: Document): Document {
    const doc = withId(input);
    const id = valueKey(doc._id);
    for (const index of this.indexList) index.check(doc);
    this.docs.set(id, doc);
    this.rank.set(id, this.nextRank++);
    for (const index of this.indexList) index.add(doc, id);
    this.changed({ op: 'insert', doc });
    return doc;
  }

  /** Swaps a stored document for its updated version; `_id` is immutable. */
  replace(current: Document, next: Document): void {
    const id = valueKey(current._id);
    if (valueKey(next._id) !== id) {
      throw new CommandError(
        'ImmutableField',
        `Performing an update on the path '_id' would modify the immutable field '_id'`,
      );
    }
    for (const index of this.indexList) index.check(next, id);
    for (const index of this.indexList) index.remove(current, id);
    this.docs.set(id, next);
    for (const index of this.indexList) index.add(next, id);
    this.changed({ op: 'replace', doc: next });
  }

  remove(doc: Document): void {
    const id = valueKey(doc._id);
    if (!this.docs.delete(id)) return;
    this.rank.delete(id);
    for (const index of this.indexList) index.remove(doc, id);
    this.changed({ op: 'remove', id: doc._id });
  }

  /**
   * Removes documents whose TTL index date has passed: like mongod, the earliest date of an array counts,
   * and documents without a date in the field never expire. An ordered index stops at the first live date.
   */
  expire(now: number): number {
    let removed = 0;
    for (const index of this.indexList) {
      const { key, expireAfterSeconds } = index.spec;
      const [field, ...others] = Object.keys(key);
      if (typeof expireAfterSeconds !== 'number' || field === undefined || others.length > 0) continue;
      const deadline = now - expireAfterSeconds * 1000;
      const ascending = index.idsInOrder({ [field]: 1 });
      const expired: Document[] = [];
      for (const doc of ascending ? this.inOrder(ascending) : this.documents()) {
        const dates = valuesAtPath(doc, field).filter((value): value is Date => value instanceof Date);
        if (dates.length === 0) continue;
        if (Math.min(...dates.map(Number)) <= deadline) expired.push(doc);
        else if (ascending) break;
      }
      for (const doc of expired) this.remove(doc);
      removed += expired.length;
    }
    return removed;
  }

  *inOrder(keys: Iterable<string>): Generator<Document> {
    for (const key of keys) {
      const doc = this.docs.get(key);
      if (doc) yield doc;
    }
  }

  /** Builds the index over existing documents first so a duplicate leaves the collection unchanged. */
  createIndex(spec: IndexSpec): void {
    const index = new Index(spec, this.namespace);
    for (const [id, doc] of this.docs) {
      index.check(doc, id);
      index.add(doc, id);
    }
    this.indexList.push(index);
    this.changed({ op: 'createIndex', spec });
  }

  dropIndex(name: string): boolean {
    const position = this.indexList.findIndex((index) => index.spec.name === name);
    if (position < 0) return false;
    this.indexList.splice(position, 1);
    this.changed({ op: 'dropIndex', name });
    return true;
  }

  /** Replays a journaled change. */
  apply(change: CollectionChange): void {
    if (change.op === 'insert') this.insert(change.doc);
    else if (change.op === 'replace') {
      const current = this.byId(change.doc._id);
      if (current) this.replace(current, change.doc);
      else this.insert(change.doc);
    } else if (change.op === 'remove') {
      const current = this.byId(change.id);
      if (current) this.remove(current);
    } else if (change.op === 'createIndex') this.createIndex(change.spec);
    else this.dropIndex(change.name);
  }

  snapshot(): CollectionSnapshot {
    return { options: this.options, indexes: this.indexes(), documents: this.documents() };
  }

  restore(snapshot: CollectionSnapshot): void {
    for (const spec of snapshot.indexes) if (spec.name !== ID_INDEX.name) this.createIndex(spec);
    this.inBulk(() => {
      for (const doc of snapshot.documents) this.insert(doc);
    });
  }

  /** Runs many inserts with the indexes' ordering deferred to one sort at the end. */
  inBulk<T>(work: () => T): T {
    for (const index of this.indexList) index.beginBulk();
    try {
      return work();
    } finally {
      for (const index of this.indexList) index.endBulk();
    }
  }
}
