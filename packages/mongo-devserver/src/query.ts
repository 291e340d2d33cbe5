import type { Document } from 'bson';
import { Aggregator, Query } from 'mingo';
import type { CollationSpec, Options } from 'mingo/types';

export interface QueryOptions {
  collation?: Document;
  /** Resolves other collections of the same database for $lookup and friends. */
  collections?: (name: string) => Document[];
}

function mingoOptions(options: QueryOptions = {}): Partial<Options> {
  return {
    idKey: '_id',
    // $where, $function and $accumulator would run client-supplied code inside the server process.
    scriptEnabled: false,
    ...(options.collation ? { collation: options.collation as unknown as CollationSpec } : {}),
    ...(options.collections ? { collectionResolver: options.collections } : {}),
  };
}

const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor']);

function caseInsensitive(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
}

/**
 * mingo applies collation to sorting only. For the common case-insensitive collation (strength 1 or 2) string
 * equality, `$eq` and `$in` become anchored case-insensitive regular expressions, so a filter matches as in mongod.
 */
function collatedFilter(filter: Document, collation: Document | undefined): Document {
  const strength = collation?.strength;
  if (typeof strength !== 'number' || strength > 2) return filter;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((part) => (isPlainObject(part) ? rewriteFilter(part) : part));
    if (!isPlainObject(value)) return caseInsensitive(value);
    return Object.fromEntries(
      Object.entries(value).map(([op, operand]) => {
        if (op === '$eq') return [op, caseInsensitive(operand)];
        if (op === '$in' && Array.isArray(operand)) return [op, operand.map(caseInsensitive)];
        return [op, operand];
      }),
    );
  };
  const rewriteFilter = (part: Document): Document =>
    Object.fromEntries(
      Object.entries(part).map(([key, value]) => [
        key,
        key.startsWith('$') && !LOGICAL_OPERATORS.has(key) ? value : rewrite(value),
      ]),
    );
  return rewriteFilter(filter);
}

function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

export function compileFilter(
  filter: Document | undefined,
  options?: QueryOptions,
): (doc: Document) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  const query = new Query(collatedFilter(filter, options?.collation), mingoOptions(options));
  return (doc) => query.test(doc);
}

export interface FindSpec extends QueryOptions {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
}

/**
 * A projection that only names top-level fields to keep (and perhaps drops `_id`), as a function that picks them
 * in the document's order, as mongod returns them; undefined for any other projection. The common case skips
 * mingo's general projection, a quarter of the server's work on a page of 50 users.
 */
function topLevelInclusion(projection: Document): ((doc: Document) => Document) | undefined {
  const kept = new Set<string>();
  let keepId = true;
  for (const [field, value] of Object.entries(projection)) {
    if (field.includes('.') || field.startsWith('$')) return undefined;
    if (field === '_id' && (value === 0 || value === false)) keepId = false;
    else if (value === true || (typeof value === 'number' && value !== 0)) kept.add(field);
    else return undefined;
  }
  // `{ _id: 0 }` alone excludes: mingo's.
  if (kept.size === 0) return undefined;
  if (keepId) kept.add('_id');
  return (doc) => {
    const picked: Document = {};
    for (const field of Object.keys(doc)) if (kept.has(field)) picked[field] = doc[field];
    return picked;
  };
}

/** Natural (insertion) order unless a sort is given, like a collection scan in mongod. */
export function findDocuments(docs: Iterable<Document>, spec: FindSpec): Document[] {
  const query = new Query(collatedFilter(spec.filter ?? {}, spec.collation), mingoOptions(spec));
  const projection = spec.projection && Object.keys(spec.projection).length > 0 ? spec.projection : undefined;
  const pick = projection && topLevelInclusion(projection);
  let cursor = query.find<Document>(Array.from(docs), pick ? undefined : projection);
  if (spec.sort && Object.keys(spec.sort).length > 0)
    cursor = cursor.sort(spec.sort as Record<string, 1 | -1>);
  if (spec.skip) cursor = cursor.skip(spec.skip);
  if (spec.limit) cursor = cursor.limit(Math.abs(spec.limit));
  const found = cursor.all();
  return pick ? found.map(pick) : found;
}

export function aggregateDocuments(
  docs: Iterable<Document>,
  pipeline: Document[],
  options?: QueryOptions,
): Document[] {
  return new Aggregator(pipeline, mingoOptions(options)).run(Array.from(docs)) as Document[];
}
