import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { valueKey, valuesAtPath, withId } from '../documents.js';
import { ID_INDEX, Index, type IndexSpec } from './indexes.js';

export interface CollectionSnapshot {
  options: Document;
  indexes: IndexSpec[];
  documents: Document[];
}

/** Documents in insertion order keyed by their `_id`, plus the indexes that guard them. */
export class Collection {
  private readonly docs = new Map<string, Document>();
  private readonly indexList: Index[] = [];

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document,
    private readonly changed: () => void,
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

  indexes(): IndexSpec[] {
    return this.indexList.map((index) => index.spec);
  }

  insert(input: Document): Document {
    const doc = withId(input);
    const id = valueKey(doc._id);
    for (const index of this.indexList) index.check(doc);
    this.docs.set(id, doc);
    for (const index of this.indexList) index.add(doc, id);
    this.changed();
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
    this.changed();
  }

  remove(doc: Document): void {
    const id = valueKey(doc._id);
    if (!this.docs.delete(id)) return;
    for (const index of this.indexList) index.remove(doc, id);
    this.changed();
  }

  /**
   * Removes documents whose TTL index date has passed: like mongod, the earliest date of an array counts,
   * and documents without a date in the field never expire.
   */
  expire(now: number): number {
    let removed = 0;
    for (const { key, expireAfterSeconds } of this.indexes()) {
      const [field, ...others] = Object.keys(key);
      if (typeof expireAfterSeconds !== 'number' || field === undefined || others.length > 0) continue;
      for (const doc of this.documents()) {
        const dates = valuesAtPath(doc, field).filter((value): value is Date => value instanceof Date);
        if (dates.length > 0 && Math.min(...dates.map(Number)) + expireAfterSeconds * 1000 <= now) {
          this.remove(doc);
          removed += 1;
        }
      }
    }
    return removed;
  }

  /** Builds the index over existing documents first so a duplicate leaves the collection unchanged. */
  createIndex(spec: IndexSpec): void {
    const index = new Index(spec, this.namespace);
    for (const [id, doc] of this.docs) {
      index.check(doc, id);
      index.add(doc, id);
    }
    this.indexList.push(index);
    this.changed();
  }

  dropIndex(name: string): boolean {
    const position = this.indexList.findIndex((index) => index.spec.name === name);
    if (position < 0) return false;
    this.indexList.splice(position, 1);
    this.changed();
    return true;
  }

  snapshot(): CollectionSnapshot {
    return { options: this.options, indexes: this.indexes(), documents: this.documents() };
  }

  restore(snapshot: CollectionSnapshot): void {
    for (const spec of snapshot.indexes) if (spec.name !== ID_INDEX.name) this.createIndex(spec);
    for (const doc of snapshot.documents) this.insert(doc);
  }
}
