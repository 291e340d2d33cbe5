import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import { compileFilter } from '../query.js';
import { formatValue, valueKey, valuesAtPath } from '../documents.js';

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

/**
 * One index of a collection. Only unique indexes (and `_id_`) keep entries: the dev server scans for reads,
 * so non-unique indexes exist only to be listed back to clients such as mongoose's syncIndexes.
 */
export class Index {
  private readonly entries = new Map<string, string>();
  private readonly fields: string[];
  private readonly includes: (doc: Document) => boolean;
  readonly enforced: boolean;

  constructor(
    readonly spec: IndexSpec,
    private readonly namespace: string,
  ) {
    this.fields = Object.keys(spec.key);
    this.enforced = spec.unique === true || spec.name === ID_INDEX.name;
    this.includes = compileFilter(spec.partialFilterExpression);
  }

  /** The key strings of a document, or none when a sparse/partial index leaves it out. */
  private keysOf(doc: Document): string[] {
    if (this.spec.partialFilterExpression && !this.includes(doc)) return [];
    const perField = this.fields.map((field) => valuesAtPath(doc, field));
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined))) return [];
    const strength = this.spec.collation?.strength as number | undefined;
    let combos: unknown[][] = [[]];
    for (const values of perField) {
      combos = combos.flatMap((prefix) =>
        values.map((value) => [...prefix, foldCase(value ?? null, strength)]),
      );
    }
    return [...new Set(combos.map((combo) => valueKey(combo)))];
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
    if (!this.enforced) return;
    for (const key of this.keysOf(doc)) this.entries.set(key, docId);
  }

  remove(doc: Document, docId: string): void {
    if (!this.enforced) return;
    for (const key of this.keysOf(doc)) if (this.entries.get(key) === docId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
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
