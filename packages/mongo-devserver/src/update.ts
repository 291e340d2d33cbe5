import type { Document } from 'bson';
import { update as applyOperators } from 'mingo';
import { setValue } from 'mingo/util';
import { CommandError } from './errors.js';
import { cloneDocument, withId } from './documents.js';
import { aggregateDocuments } from './query.js';

export interface UpdateSpec {
  filter: Document;
  update: Document | Document[];
  arrayFilters?: Document[];
  collation?: Document;
}

export function isReplacement(update: Document | Document[]): boolean {
  return !Array.isArray(update) && !Object.keys(update).some((key) => key.startsWith('$'));
}

function isOperatorObject(value: unknown): value is Document {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).some((key) => key.startsWith('$'))
  );
}

/** Paths such as `items.$.qty` need the query to know which element matched. */
function usesPositional(modifier: Document): boolean {
  return Object.values(modifier).some(
    (fields) =>
      fields && typeof fields === 'object' && Object.keys(fields).some((path) => /\.\$(\.|$)/.test(path)),
  );
}

function applyModifier(doc: Document, modifier: Document, spec: UpdateSpec, condition: boolean): void {
  if (Object.keys(modifier).length === 0) return;
  const query = condition && usesPositional(modifier) ? spec.filter : undefined;
  const queryOptions = spec.collation ? { collation: spec.collation as never } : {};
  applyOperators(doc, modifier, spec.arrayFilters, query, { cloneMode: 'deep', queryOptions });
}

/**
 * The next version of `current` (never mutated). `inserting` is true for the document an upsert creates,
 * the only time `$setOnInsert` applies.
 */
export function updatedDocument(current: Document, spec: UpdateSpec, inserting = false): Document {
  const { update } = spec;
  if (Array.isArray(update)) {
    const [next] = aggregateDocuments([cloneDocument(current)], update);
    if (!next) throw new CommandError('BadValue', 'update pipeline removed the document');
    return withId({ ...next, _id: next._id ?? current._id });
  }
  if (isReplacement(update)) return withId({ ...update, _id: update._id ?? current._id });
  const { $setOnInsert, ...modifier } = update;
  const next = cloneDocument(current);
  applyModifier(next, modifier, spec, !inserting);
  if (inserting && $setOnInsert) applyModifier(next, { $set: $setOnInsert }, spec, false);
  return withId(next);
}

/** The equality parts of a filter, which an upsert copies into the document it inserts. */
function equalityFields(filter: Document, seed: Document): Document {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) equalityFields(part as Document, seed);
    } else if (key.startsWith('$')) {
      continue;
    } else if (isOperatorObject(value)) {
      if ('$eq' in value) setValue(seed, key, value.$eq);
    } else {
      setValue(seed, key, value);
    }
  }
  return seed;
}

/** The document an upsert inserts when nothing matched. */
export function upsertDocument(spec: UpdateSpec): Document {
  const seed = equalityFields(spec.filter, {});
  const { update } = spec;
  if (!Array.isArray(update) && isReplacement(update))
    return withId({ ...update, _id: update._id ?? seed._id });
  return updatedDocument(withId(seed), spec, true);
}
