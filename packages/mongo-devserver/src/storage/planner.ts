import { ObjectId, type Document } from 'bson';
import { valueKey } from '../documents.js';
import { compileFilter, findDocuments, type FindSpec } from '../query.js';
import type { Collection } from './collection.js';
import type { Index } from './indexes.js';
import { compareValues } from './order.js';

/** Values an index files the way a filter compares them; anything else (regex, documents, arrays) is scanned. */
function isKeyValue(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean' ||
    value === null ||
    value instanceof ObjectId ||
    value instanceof Date
  );
}

function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** The values a field condition asks equality with (`v`, `{ $eq: v }`, `{ $in: [...] }`), if it is only that. */
function equalityValues(condition: unknown): unknown[] | undefined {
  if (!isPlainObject(condition)) return isKeyValue(condition) ? [condition] : undefined;
  const operators = Object.keys(condition);
  if (operators.length !== 1) return undefined;
  if (operators[0] === '$eq' && isKeyValue(condition.$eq)) return [condition.$eq];
  if (operators[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(isKeyValue))
    return condition.$in as unknown[];
  return undefined;
}

/** A case-insensitive collation (strength 1 or 2) compares differently from binary; others compare alike. */
function strengthOf(collation: Document | undefined): number | undefined {
  const strength = collation?.strength;
  return typeof strength === 'number' && strength <= 2 ? strength : undefined;
}

interface Candidates {
  ids: Set<string>;
  /** undefined for `_id` lookups. */
  index: Index | undefined;
}

/** Id keys of the documents that can match one `field: condition`, or undefined when no index answers it. */
function idsForCondition(
  collection: Collection,
  field: string,
  condition: unknown,
  collation: Document | undefined,
): Candidates | undefined {
  const strength = strengthOf(collation);
  const values = equalityValues(condition);
  if (field === '_id' && values && (strength === undefined || !values.some((v) => typeof v === 'string')))
    return { ids: new Set(values.map((value) => valueKey(value))), index: undefined };
  const usable = (index: Index): boolean =>
    index.firstField === field && index.answersEquality && index.collationStrength === strength;
  if (values) {
    // Null also matches a missing field, which a sparse index leaves out.
    const index = collection
      .indexObjects()
      .find((candidate) => usable(candidate) && !(candidate.isSparse && values.includes(null)));
    return index && { ids: index.idsWithFirst(values), index };
  }
  if (isPlainObject(condition) && Object.keys(condition).length === 1 && condition.$exists === true) {
    const index = collection
      .indexObjects()
      .find(
        (candidate) =>
          usable(candidate) && candidate.isSparse && Object.keys(candidate.spec.key).length === 1,
      );
    return index && { ids: index.allIds(), index };
  }
  return undefined;
}

/** The narrowest set an index gives for any top-level condition (or `$and` clause) of the filter. */
function candidateIndex(
  collection: Collection,
  filter: Document,
  collation: Document | undefined,
): Candidates | undefined {
  let best: Candidates | undefined;
  const consider = (found: Candidates | undefined) => {
    if (found && (!best || found.ids.size < best.ids.size)) best = found;
  };
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition)
        if (isPlainObject(clause)) consider(candidateIndex(collection, clause, collation));
    } else if (!field.startsWith('$')) consider(idsForCondition(collection, field, condition, collation));
  }
  return best;
}

/**
 * The value of `field` a walk in `direction` (1: rising values, -1: falling) may start from, as the filter bounds
 * it: every matching document's value lies at or past it. A comparison matches values of its own type only, so
 * nothing of another type is skipped that could match. `$or` bounds by its loosest branch, the rest by the tightest.
 */
function walkStart(filter: Document, field: string, direction: 1 | -1): unknown {
  const operators = direction === 1 ? ['$gt', '$gte'] : ['$lt', '$lte'];
  const further = (a: unknown, b: unknown) =>
    b === undefined ? a : a === undefined || compareValues(b, a) * direction > 0 ? b : a;
  const nearer = (a: unknown, b: unknown) => (compareValues(b, a) * direction < 0 ? b : a);
  let start: unknown;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const clause of condition)
        if (isPlainObject(clause)) start = further(start, walkStart(clause, field, direction));
    } else if (key === '$or' && Array.isArray(condition) && condition.length > 0) {
      const starts = condition.map((clause) =>
        isPlainObject(clause) ? walkStart(clause, field, direction) : undefined,
      );
      if (starts.every((value) => value !== undefined))
        start = further(start, starts.slice(1).reduce(nearer, starts[0]));
    } else if (key === field) {
      const bounds = isPlainObject(condition)
        ? Object.entries(condition)
            .filter(([operator]) => operator === '$eq' || operators.includes(operator))
            .map(([, value]) => value)
        : [condition];
      for (const value of bounds) if (isKeyValue(value) && value !== null) start = further(start, value);
    }
  }
  return start;
}

/** How a read finds its documents; `explain` reports it in mongod's terms. */
export type Plan =
  | { kind: 'ids'; ids: Set<string>; index: Index | undefined }
  | { kind: 'ordered'; order: Iterable<string>; index: Index }
  | { kind: 'scan' };

export function planFor(collection: Collection, spec: FindSpec): Plan {
  const candidates = candidateIndex(collection, spec.filter ?? {}, spec.collation);
  if (candidates) return { kind: 'ids', ...candidates };
  if (spec.sort && spec.limit && !strengthOf(spec.collation)) {
    // Only an index led by the sort's first field gives its order, so one start serves every candidate.
    const [field, direction] = Object.entries(spec.sort)[0] ?? [];
    const from =
      field !== undefined && (direction === 1 || direction === -1)
        ? walkStart(spec.filter ?? {}, field, direction)
        : undefined;
    for (const index of collection.indexObjects()) {
      const order = index.idsInOrder(spec.sort, from);
      if (order) return { kind: 'ordered', order, index };
    }
  }
  return { kind: 'scan' };
}

/**
 * The documents of `collection` a find asks for. An equality on `_id` or on an index's first field reads only
 * the documents filed under those values; a sort that is an index's order with a limit walks that index and
 * stops once enough documents matched. Otherwise the collection is scanned.
 */
export function selectDocuments(collection: Collection | undefined, spec: FindSpec): Document[] {
  if (!collection) return [];
  const plan = planFor(collection, spec);
  if (plan.kind === 'ids') return findDocuments(collection.byKeys(plan.ids), spec);
  if (plan.kind === 'scan') return findDocuments(collection.documents(), spec);
  const matches = compileFilter(spec.filter, spec);
  const wanted = (spec.skip ?? 0) + Math.abs(spec.limit ?? 0);
  const picked: Document[] = [];
  for (const doc of collection.inOrder(plan.order)) {
    if (!matches(doc)) continue;
    picked.push(doc);
    if (picked.length >= wanted) break;
  }
  return findDocuments(picked, { ...spec, sort: undefined });
}

/** A plan as mongod's `explain` shows it: the stages a test looks for (IXSCAN, IDHACK, COLLSCAN, SORT). */
export function explainPlan(plan: Plan, spec: FindSpec): Document {
  const indexScan = (index: Index) => ({
    stage: 'IXSCAN',
    indexName: index.spec.name,
    keyPattern: index.spec.key,
  });
  const sorted = spec.sort && Object.keys(spec.sort).length > 0;
  if (plan.kind === 'ordered') return { stage: 'FETCH', inputStage: indexScan(plan.index) };
  if (plan.kind === 'ids') {
    const fetch = plan.index ? { stage: 'FETCH', inputStage: indexScan(plan.index) } : { stage: 'IDHACK' };
    return sorted ? { stage: 'SORT', sortPattern: spec.sort, inputStage: fetch } : fetch;
  }
  const scan = { stage: 'COLLSCAN', filter: spec.filter ?? {} };
  return sorted ? { stage: 'SORT', sortPattern: spec.sort, inputStage: scan } : scan;
}
