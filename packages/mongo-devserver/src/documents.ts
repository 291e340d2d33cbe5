import { BSON, EJSON, ObjectId, type Document } from 'bson';

/**
 * Deep copy that keeps BSON classes (ObjectId, Decimal128, Binary...) intact, unlike structuredClone.
 * Stored documents are never mutated in place: cursors and in-flight replies may still hold them.
 */
export function cloneDocument<T extends Document>(doc: T): T {
  return BSON.deserialize(BSON.serialize(doc)) as T;
}

export function sameDocument(a: Document, b: Document): boolean {
  return Buffer.from(BSON.serialize(a)).equals(Buffer.from(BSON.serialize(b)));
}

/** Puts a generated ObjectId `_id` first when missing, as mongod does. */
export function withId(doc: Document): Document {
  if (doc._id !== undefined) {
    if ('_id' in doc && Object.keys(doc)[0] === '_id') return doc;
    const { _id, ...rest } = doc;
    return { _id, ...rest };
  }
  return { _id: new ObjectId(), ...doc };
}

/** Values reachable at a dotted path; arrays on the way fan out like a multikey index. */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  if (doc === null || typeof doc !== 'object') return [undefined];
  // Indexes read a path for every document they file (100k at a start): no splitting and joining of the path.
  const dot = path.indexOf('.');
  const head = dot === -1 ? path : path.slice(0, dot);
  if (Array.isArray(doc) && !/^\d+$/.test(head)) return doc.flatMap((item) => valuesAtPath(item, path));
  const value = (doc as Record<string, unknown>)[head];
  if (dot === -1) return Array.isArray(value) ? (value.length ? value : [undefined]) : [value];
  return valuesAtPath(value, path.slice(dot + 1));
}

/**
 * A stable string for equality of BSON values (used for _id lookups and index keys). The common key types take a
 * short typed prefix; everything else is canonical Extended JSON, which starts with `{` and so never collides.
 */
export function valueKey(value: unknown): string {
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'number') return `n${value}`;
  if (value === null || value === undefined) return 'z';
  if (value instanceof ObjectId) return `o${value.toHexString()}`;
  if (value instanceof Date) return `d${value.getTime()}`;
  if (typeof value === 'boolean') return value ? 'bt' : 'bf';
  return EJSON.stringify({ v: value }, { relaxed: false });
}

/** Renders a value the way mongod prints it in duplicate key messages. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return EJSON.stringify(value, { relaxed: true });
}
