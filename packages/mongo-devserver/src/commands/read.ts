import type { Document, Long } from 'bson';
import { CommandError } from '../errors.js';
import { cloneDocument, valueKey, valuesAtPath } from '../documents.js';
import { aggregateDocuments, findDocuments } from '../query.js';
import {
  collectionResolver,
  existingCollection,
  namespaceOf,
  optionalDocument,
  optionalNumber,
  targetName,
  type CommandContext,
  type CommandHandler,
} from './context.js';

function storedDocuments(ctx: CommandContext): Document[] {
  return existingCollection(ctx)?.documents() ?? [];
}

const find: CommandHandler = (ctx) => {
  const { command } = ctx;
  const limit = optionalNumber(command.limit, 'limit');
  const docs = findDocuments(storedDocuments(ctx), {
    filter: optionalDocument(command.filter, 'filter'),
    sort: optionalDocument(command.sort, 'sort'),
    projection: optionalDocument(command.projection, 'projection'),
    skip: optionalNumber(command.skip, 'skip'),
    limit,
    collation: optionalDocument(command.collation, 'collation'),
  });
  const cursor = ctx.cursors.first(namespaceOf(ctx), docs, {
    batchSize: optionalNumber(command.batchSize, 'batchSize'),
    // A negative limit is the legacy way of asking for a single batch.
    singleBatch: command.singleBatch === true || (limit !== undefined && limit < 0),
  });
  return { cursor, ok: 1 };
};

const getMore: CommandHandler = (ctx) => {
  const { command } = ctx;
  if (typeof command.collection !== 'string')
    throw new CommandError('BadValue', 'getMore needs a collection name');
  const cursor = ctx.cursors.more(
    command.getMore as Long,
    namespaceOf(ctx, command.collection),
    optionalNumber(command.batchSize, 'batchSize'),
  );
  return { cursor, ok: 1 };
};

const killCursors: CommandHandler = (ctx) => {
  const ids = Array.isArray(ctx.command.cursors) ? (ctx.command.cursors as Long[]) : [];
  const { killed, notFound } = ctx.cursors.kill(ids);
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

const count: CommandHandler = (ctx) => {
  const { command } = ctx;
  const docs = findDocuments(storedDocuments(ctx), {
    filter: optionalDocument(command.query, 'query'),
    skip: optionalNumber(command.skip, 'skip'),
    limit: optionalNumber(command.limit, 'limit'),
    collation: optionalDocument(command.collation, 'collation'),
  });
  return { n: docs.length, ok: 1 };
};

const distinct: CommandHandler = (ctx) => {
  const { command } = ctx;
  if (typeof command.key !== 'string')
    throw new CommandError('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
  const docs = findDocuments(storedDocuments(ctx), {
    filter: optionalDocument(command.query, 'query'),
    collation: optionalDocument(command.collation, 'collation'),
  });
  const values = new Map<string, unknown>();
  for (const doc of docs) {
    for (const value of valuesAtPath(doc, command.key))
      if (value !== undefined) values.set(valueKey(value), value);
  }
  return { values: Array.from(values.values()), ok: 1 };
};

/** Stages that would write elsewhere; refusing them beats silently dropping their output. */
const WRITING_STAGES = ['$out', '$merge'];

const aggregate: CommandHandler = (ctx) => {
  const { command } = ctx;
  if (!Array.isArray(command.pipeline))
    throw new CommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  const pipeline = command.pipeline as Document[];
  const writing = pipeline
    .flatMap((stage) => Object.keys(stage))
    .find((stage) => WRITING_STAGES.includes(stage));
  if (writing)
    throw new CommandError(
      'CommandNotFound',
      `mongo-devserver does not support aggregation stage "${writing}"`,
    );
  // `aggregate: 1` runs database-level stages ($currentOp, ...) that have no input documents here.
  const input = typeof command.aggregate === 'string' ? storedDocuments(ctx).map(cloneDocument) : [];
  const docs = aggregateDocuments(input, pipeline, {
    collation: optionalDocument(command.collation, 'collation'),
    collections: collectionResolver(ctx),
  });
  const namespace =
    typeof command.aggregate === 'string' ? namespaceOf(ctx, targetName(ctx)) : `${ctx.db}.$cmd.aggregate`;
  const cursorOptions = optionalDocument(command.cursor, 'cursor');
  const cursor = ctx.cursors.first(namespace, docs, {
    batchSize: optionalNumber(cursorOptions?.batchSize, 'cursor.batchSize'),
  });
  return { cursor, ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
