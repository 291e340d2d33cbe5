import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { compileFilter } from '../query.js';
import { formatValue, valueKey, valuesAtPath } from '../documents.js';
import { compareValues } from './order.js';

export interface IndexSpec extends Document {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  collation?: Document;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/** mongod's default name: `email_1`, `a_1_b_-1`, `title_text`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

function foldCase(value: unknown, strength: number | undefined): unknown {
  if (typeof value !== 'string' || strength === undefined || strength > 2) return value;
  const lower = value.toLowerCase();
  // Strength 1 also ignores diacritics.
  return strength === 1 ? lower.normalize('NFD').replace(/\p{Mn}/gu, '') : lower;
}

interface OrderedEntry {
  values: unknown[];
  id: string;
}

/**
 * One index of a collection, kept in memory so that reads need not scan: unique indexes (and `_id_`) map each
 * key to its document, every index maps the values of its first field to documents, and an index whose keys are
 * plain (no arrays, collation, sparse or partial filter) also keeps its documents in key order for sorted reads.
 */
export class Index {
  private readonly entries = new Map<string, string>();
  private readonly byFirst = new Map<string, Set<string>>();
  private ordered: OrderedEntry[] | undefined;
  /** During a bulk load entries are appended as they come and sorted once at the end. */
  private bulk = false;
  private sorted = true;
  private readonly fields: string[];
  private readonly directions: number[];
  private readonly includes: (doc: Document) => boolean;
  private readonly strength: number | undefined;
  readonly enforced: boolean;

  constructor(
    readonly spec: IndexSpec,
    private readonly namespace: string,
  ) {
    this.fields = Object.keys(spec.key);
    this.directions = Object.values(spec.key).map((direction) => (direction === -1 ? -1 : 1));
    this.enforced = spec.unique === true || spec.name === ID_INDEX.name;
    this.includes = compileFilter(spec.partialFilterExpression);
    this.strength = spec.collation?.strength as number | undefined;
    const plain = !spec.sparse && !spec.partialFilterExpression && !spec.collation;
    // Text, hashed and geo indexes order nothing the way a sort asks.
    const ranged = this.directions.length > 0 && Object.values(spec.key).every((d) => d === 1 || d === -1);
    this.ordered = plain && ranged ? [] : undefined;
  }

  get firstField(): string | undefined {
    return this.fields[0];
  }

  /** Whether equality on the first field may be answered here: the index holds every matching document. */
  get answersEquality(): boolean {
    return !this.spec.partialFilterExpression;
  }

  get isSparse(): boolean {
    return this.spec.sparse === true;
  }

  get collationStrength(): number | undefined {
    return this.strength;
  }

  private excluded(doc: Document): boolean {
    if (this.spec.partialFilterExpression && !this.includes(doc)) return true;
    return (
      this.spec.sparse === true &&
      this.fields.every((field) => valuesAtPath(doc, field).every((v) => v === undefined))
    );
  }

  /** The key strings of a document, or none when a sparse/partial index leaves it out. */
  private keysOf(doc: Document): string[] {
    if (this.excluded(doc)) return [];
    if (this.fields.length === 1) {
      const values = valuesAtPath(doc, this.fields[0] as string);
      if (values.length === 1) return [this.firstKey(values[0])];
    }
    const perField = this.fields.map((field) => valuesAtPath(doc, field));
    let combos: unknown[][] = [[]];
    for (const values of perField) {
      combos = combos.flatMap((prefix) =>
        values.map((value) => [...prefix, foldCase(value ?? null, this.strength)]),
      );
    }
    return [...new Set(combos.map((combo) => this.comboKey(combo)))];
  }

  /** A single field's key is its value's key, the same string `firstKey` gives, so unique entries answer lookups. */
  private comboKey(combo: unknown[]): string {
    return combo.length === 1 ? valueKey(combo[0]) : JSON.stringify(combo.map(valueKey));
  }

  /** A single-field unique index finds documents by its entries; the others keep a map of first-field values. */
  private get entriesByFirst(): boolean {
    return this.enforced && this.fields.length === 1;
  }

  /** The key under which a value of the first field is filed (case-folded for a case-insensitive index). */
  firstKey(value: unknown): string {
    return valueKey(foldCase(value ?? null, this.strength));
  }

  private firstKeysOf(doc: Document): string[] {
    const [first] = this.fields;
    if (first === undefined || this.excluded(doc)) return [];
    return [...new Set(valuesAtPath(doc, first).map((value) => this.firstKey(value)))];
  }

  /**
   * Throws the E11000 error mongod raises when `doc` would collide with another document.
   * `docId` is the document's own id when it is already stored (an update), so it does not collide with itself.
   */
  check(doc: Document, docId?: string): void {
    if (!this.enforced) return;
    for (const key of this.keysOf(doc)) {
      const owner = this.entries.get(key);
      if (owner !== undefined && owner !== docId) throw this.duplicateKeyError(doc);
    }
  }

  add(doc: Document, docId: string): void {
    if (this.enforced) for (const key of this.keysOf(doc)) this.entries.set(key, docId);
    if (this.entriesByFirst) return this.addOrdered(doc, docId);
    for (const key of this.firstKeysOf(doc)) {
      let ids = this.byFirst.get(key);
      if (!ids) {
        ids = new Set();
        this.byFirst.set(key, ids);
      }
      ids.add(docId);
    }
    this.addOrdered(doc, docId);
  }

  remove(doc: Document, docId: string): void {
    if (this.enforced)
      for (const key of this.keysOf(doc)) if (this.entries.get(key) === docId) this.entries.delete(key);
    if (this.entriesByFirst) return this.removeOrdered(doc, docId);
    for (const key of this.firstKeysOf(doc)) {
      const ids = this.byFirst.get(key);
      ids?.delete(docId);
      if (ids?.size === 0) this.byFirst.delete(key);
    }
    this.removeOrdered(doc, docId);
  }

  /** Ids of the documents whose first field equals one of `values`. */
  idsWithFirst(values: unknown[]): Set<string> {
    const found = new Set<string>();
    for (const value of values) {
      const key = this.firstKey(value);
      if (!this.entriesByFirst) for (const id of this.byFirst.get(key) ?? []) found.add(id);
      else {
        const id = this.entries.get(key);
        if (id !== undefined) found.add(id);
      }
    }
    return found;
  }

  /** Ids of every document the index holds (for a sparse index: those that have the field). */
  allIds(): Set<string> {
    if (this.entriesByFirst) return new Set(this.entries.values());
    const found = new Set<string>();
    for (const ids of this.byFirst.values()) for (const id of ids) found.add(id);
    return found;
  }

  /**
   * Ids in the order of `sort` when that sort is this index's key pattern, read forwards or backwards;
   * undefined when the index cannot give that order. `from` is the value of the first field where the walk may
   * start (nothing before it can match): a keyset page deep in the order starts there instead of at the top.
   */
  idsInOrder(sort: Document, from?: unknown): Iterable<string> | undefined {
    this.sortOrdered();
    const entries = this.ordered;
    const wanted = Object.entries(sort);
    if (!entries || wanted.length === 0 || wanted.length > this.fields.length) return undefined;
    const sign = wanted[0]?.[1] === this.directions[0] ? 1 : -1;
    const matches = wanted.every(
      ([field, direction], i) => field === this.fields[i] && direction === sign * (this.directions[i] ?? 0),
    );
    if (!matches) return undefined;
    // How the first field's values run along the walk: -1 when they fall (a descending sort).
    const along = sign * (this.directions[0] ?? 1);
    // The entries whose first value lies before `from` on the walk are a run at its start: skip them.
    const before = (i: number) => compareValues((entries[i] as OrderedEntry).values[0], from) * along < 0;
    let skip = 0;
    if (from !== undefined) {
      let low = 0;
      let high = entries.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (before(sign === 1 ? middle : entries.length - 1 - middle)) low = middle + 1;
        else high = middle;
      }
      skip = low;
    }
    return (function* () {
      if (sign === 1) for (let i = skip; i < entries.length; i++) yield (entries[i] as OrderedEntry).id;
      else for (let i = entries.length - 1 - skip; i >= 0; i--) yield (entries[i] as OrderedEntry).id;
    })();
  }

  private orderedValues(doc: Document): unknown[] | undefined {
    const values: unknown[] = [];
    for (const field of this.fields) {
      const found = valuesAtPath(doc, field);
      const [value] = found;
      if (found.length !== 1 || Array.isArray(value)) return undefined;
      values.push(value ?? null);
    }
    return values;
  }

  private compare(a: OrderedEntry, b: OrderedEntry): number {
    for (let i = 0; i < this.fields.length; i++) {
      const order = compareValues(a.values[i], b.values[i]) * (this.directions[i] ?? 1);
      if (order !== 0) return order;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  /** The position where `entry` is or would go. */
  private position(entries: OrderedEntry[], entry: OrderedEntry): number {
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(entries[middle] as OrderedEntry, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Many documents at once (an insertMany, a restore): one sort at the end instead of one insertion each. */
  beginBulk(): void {
    this.bulk = true;
  }

  endBulk(): void {
    this.bulk = false;
    this.sortOrdered();
  }

  private sortOrdered(): void {
    if (this.sorted || !this.ordered) return;
    this.ordered.sort((a, b) => this.compare(a, b));
    this.sorted = true;
  }

  private addOrdered(doc: Document, id: string): void {
    if (!this.ordered) return;
    const values = this.orderedValues(doc);
    // An array in a key makes the index multikey: its order no longer answers a sort, so stop keeping it.
    if (!values) {
      this.ordered = undefined;
      return;
    }
    const entry = { values, id };
    // In bulk, one sort at the end (V8's sort takes runs already in order in one pass).
    if (this.bulk || !this.sorted) {
      this.ordered.push(entry);
      this.sorted = false;
      return;
    }
    const last = this.ordered[this.ordered.length - 1];
    if (!last || this.compare(last, entry) < 0) this.ordered.push(entry);
    else this.ordered.splice(this.position(this.ordered, entry), 0, entry);
  }

  private removeOrdered(doc: Document, id: string): void {
    if (!this.ordered) return;
    this.sortOrdered();
    const values = this.orderedValues(doc);
    if (!values) return;
    const at = this.position(this.ordered, { values, id });
    if (this.ordered[at]?.id === id) this.ordered.splice(at, 1);
  }

  private duplicateKeyError(doc: Document): CommandError {
    const keyValue: Document = {};
    for (const field of this.fields) keyValue[field] = valuesAtPath(doc, field)[0] ?? null;
    const rendered = Object.entries(keyValue)
      .map(([field, value]) => `${field}: ${formatValue(value)}`)
      .join(', ');
    return new CommandError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${this.namespace} index: ${this.spec.name} dup key: { ${rendered} }`,
      { keyPattern: this.spec.key, keyValue },
    );
  }
}
