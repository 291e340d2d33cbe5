import { calculateObjectSize, type Document } from 'bson';
import { CommandError } from '../errors.js';
import { sameDocument } from '../documents.js';
import { compileFilter } from '../query.js';
import { defaultIndexName, ID_INDEX, type IndexSpec } from '../storage/indexes.js';
import type { Collection } from '../storage/collection.js';
import {
  existingCollection,
  namespaceOf,
  optionalDocument,
  targetName,
  type CommandContext,
  type CommandHandler,
} from './context.js';

/** Command fields that are protocol envelope, not collection or index options. */
const ENVELOPE_FIELDS = new Set([
  'lsid',
  'txnNumber',
  'writeConcern',
  'comment',
  'maxTimeMS',
  'commitQuorum',
  'apiVersion',
]);

function options(command: Document, exclude: string[]): Document {
  return Object.fromEntries(
    Object.entries(command).filter(
      ([key]) => !key.startsWith('$') && !ENVELOPE_FIELDS.has(key) && !exclude.includes(key),
    ),
  );
}

function requireCollection(ctx: CommandContext): Collection {
  const collection = existingCollection(ctx);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${namespaceOf(ctx)}`);
  return collection;
}

function cursorBatchSize(ctx: CommandContext): number | undefined {
  const cursor = optionalDocument(ctx.command.cursor, 'cursor');
  return typeof cursor?.batchSize === 'number' ? cursor.batchSize : undefined;
}

const listDatabases: CommandHandler = (ctx) => {
  const filter = compileFilter(optionalDocument(ctx.command.filter, 'filter'));
  const databases = ctx.engine
    .databaseNames()
    .map((name) => {
      const sizeOnDisk = ctx.engine
        .collections(name)
        .reduce((sum, c) => sum + c.documents().reduce((size, doc) => size + calculateObjectSize(doc), 0), 0);
      return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
    })
    .filter(filter);
  if (ctx.command.nameOnly) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  const totalSize = databases.reduce((sum, db) => sum + db.sizeOnDisk, 0);
  return { databases, totalSize, totalSizeMb: Math.floor(totalSize / 1024 / 1024), ok: 1 };
};

const listCollections: CommandHandler = (ctx) => {
  const filter = compileFilter(optionalDocument(ctx.command.filter, 'filter'));
  const entries = ctx.engine
    .collections(ctx.db)
    .map((c) => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false },
      idIndex: ID_INDEX,
    }))
    .filter(filter)
    .map((entry) => (ctx.command.nameOnly ? { name: entry.name, type: entry.type } : entry));
  const cursor = ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, entries, {
    batchSize: cursorBatchSize(ctx),
  });
  return { cursor, ok: 1 };
};

const create: CommandHandler = (ctx) => {
  ctx.engine.createCollection(ctx.db, targetName(ctx), options(ctx.command, ['create']));
  return { ok: 1 };
};

/** MongoDB 7 answers ok for a collection that does not exist. */
const drop: CommandHandler = (ctx) => {
  const dropped = ctx.engine.dropCollection(ctx.db, targetName(ctx));
  return dropped ? { nIndexesWas: dropped.indexes().length, ns: dropped.namespace, ok: 1 } : { ok: 1 };
};

const dropDatabase: CommandHandler = (ctx) => {
  ctx.engine.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

/** The options that make two indexes on the same key different indexes. */
function indexOptions(spec: Document): Document {
  const { unique, sparse, partialFilterExpression, collation, expireAfterSeconds } = spec;
  return Object.fromEntries(
    Object.entries({
      unique: unique === true,
      sparse: sparse === true,
      partialFilterExpression,
      collation,
      expireAfterSeconds,
    }).filter(([, value]) => value !== undefined),
  );
}

function normalizeIndex(raw: unknown): IndexSpec {
  const spec = optionalDocument(raw, 'indexes');
  const key = optionalDocument(spec?.key, 'key');
  if (!spec || !key || Object.keys(key).length === 0)
    throw new CommandError('BadValue', 'Index key pattern must be a non-empty object');
  const { v: _v, background: _background, ns: _ns, key: _key, name: _name, ...rest } = spec;
  const name = typeof spec.name === 'string' ? spec.name : defaultIndexName(key);
  return { v: 2, key, name, ...rest };
}

/** Creates what is missing, skips what already exists identically, refuses conflicting redefinitions. */
const createIndexes: CommandHandler = (ctx) => {
  const requested = Array.isArray(ctx.command.indexes) ? ctx.command.indexes.map(normalizeIndex) : [];
  if (requested.length === 0) throw new CommandError('BadValue', 'Must specify at least one index to create');
  const existed = existingCollection(ctx) !== undefined;
  const collection = ctx.engine.ensureCollection(ctx.db, targetName(ctx));
  const numIndexesBefore = collection.indexes().length;
  for (const spec of requested) {
    const sameName = collection.indexes().find((index) => index.name === spec.name);
    const sameKey = collection.indexes().find((index) => sameDocument(index.key, spec.key));
    const identical = (index: IndexSpec | undefined) =>
      index !== undefined && sameDocument(indexOptions(index), indexOptions(spec));
    if (sameName && sameKey === sameName && identical(sameName)) continue;
    if (sameName) {
      throw new CommandError(
        sameKey === sameName ? 'IndexOptionsConflict' : 'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName)}`,
      );
    }
    if (sameKey && identical(sameKey)) {
      throw new CommandError(
        'IndexOptionsConflict',
        `Index already exists with a different name: ${sameKey.name}`,
      );
    }
    collection.createIndex(spec);
  }
  const numIndexesAfter = collection.indexes().length;
  return {
    numIndexesBefore,
    numIndexesAfter,
    createdCollectionAutomatically: !existed,
    ...(numIndexesAfter === numIndexesBefore ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

const listIndexes: CommandHandler = (ctx) => {
  const collection = requireCollection(ctx);
  const cursor = ctx.cursors.first(collection.namespace, collection.indexes(), {
    batchSize: cursorBatchSize(ctx),
  });
  return { cursor, ok: 1 };
};

function indexNamesToDrop(collection: Collection, target: unknown): string[] {
  const names = collection.indexes().map((index) => index.name);
  if (target === '*') return names.filter((name) => name !== ID_INDEX.name);
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === 'string') return [target];
  const key = optionalDocument(target, 'index');
  const match = key && collection.indexes().find((index) => sameDocument(index.key, key));
  if (!match) throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`);
  return [match.name];
}

const dropIndexes: CommandHandler = (ctx) => {
  const collection = requireCollection(ctx);
  const nIndexesWas = collection.indexes().length;
  const names = indexNamesToDrop(collection, ctx.command.index);
  for (const name of names) {
    if (name === ID_INDEX.name) throw new CommandError('InvalidOptions', 'cannot drop _id index');
    if (!collection.indexes().some((index) => index.name === name)) {
      throw new CommandError('IndexNotFound', `index not found with name [${name}]`);
    }
  }
  for (const name of names) collection.dropIndex(name);
  return { nIndexesWas, ok: 1 };
};

export const catalogCommands: Record<string, CommandHandler> = {
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
