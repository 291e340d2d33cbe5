import type { Document, Long } from 'bson';
import { CommandError } from '../errors.js';
import { cloneDocument, valueKey, valuesAtPath } from '../documents.js';
import { aggregateDocuments } from '../query.js';
import type { FindSpec } from '../query.js';
import { explainPlan, planFor, selectDocuments } from '../storage/planner.js';
import {
  collectionResolver,
  existingCollection,
  namespaceOf,
  optionalDocument,
  optionalNumber,
  targetName,
  type CommandHandler,
} from './context.js';

const find: CommandHandler = (ctx) => {
  const { command } = ctx;
  const limit = optionalNumber(command.limit, 'limit');
  const docs = selectDocuments(existingCollection(ctx), {
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
  const collection = existingCollection(ctx);
  const filter = optionalDocument(command.query, 'query');
  const skip = optionalNumber(command.skip, 'skip');
  const limit = optionalNumber(command.limit, 'limit');
  // estimatedDocumentCount: the collection knows its size.
  if (!filter || Object.keys(filter).length === 0) {
    const remaining = Math.max(0, (collection?.size ?? 0) - (skip ?? 0));
    return { n: limit ? Math.min(remaining, Math.abs(limit)) : remaining, ok: 1 };
  }
  const docs = selectDocuments(collection, {
    filter,
    skip,
    limit,
    collation: optionalDocument(command.collation, 'collation'),
  });
  return { n: docs.length, ok: 1 };
};

const distinct: CommandHandler = (ctx) => {
  const { command } = ctx;
  if (typeof command.key !== 'string')
    throw new CommandError('TypeMismatch', "BSON field 'distinct.key' is missing or not a string");
  const docs = selectDocuments(existingCollection(ctx), {
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

/**
 * countDocuments sends `[$match, ($skip), ($limit), { $group: { _id: 1, n: { $sum: 1 } } }]`; counting the matched
 * documents directly spares copying each of them.
 */
function countingGroup(stages: Document[]): { skip: number; limit: number; field: string } | undefined {
  let skip = 0;
  let limit = Infinity;
  for (const [position, stage] of stages.entries()) {
    const [name, ...others] = Object.keys(stage);
    if (others.length > 0) return undefined;
    if (name === '$skip' && typeof stage.$skip === 'number') skip = stage.$skip;
    else if (name === '$limit' && typeof stage.$limit === 'number') limit = stage.$limit;
    else if (name === '$group' && position === stages.length - 1) {
      const group = stage.$group as Document;
      const fields = Object.keys(group).filter((field) => field !== '_id');
      const [field] = fields;
      const sum = field === undefined ? undefined : (group[field] as Document | undefined);
      const constantId = group._id === 1 || group._id === null;
      if (fields.length !== 1 || !constantId || sum?.$sum !== 1 || Object.keys(sum).length !== 1)
        return undefined;
      return { skip, limit, field: field as string };
    } else return undefined;
  }
  return undefined;
}

function countOf(matched: number, group: { skip: number; limit: number; field: string }): Document[] {
  const n = Math.min(Math.max(0, matched - group.skip), group.limit);
  return n === 0 ? [] : [{ _id: 1, [group.field]: n }];
}

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
  const collation = optionalDocument(command.collation, 'collation');
  // A leading $match reads through the indexes; only what it keeps is copied into the pipeline.
  const [first, ...rest] = pipeline;
  const leadingMatch = optionalDocument(first?.$match, '$match');
  const stages = leadingMatch ? rest : pipeline;
  // `aggregate: 1` runs database-level stages ($currentOp, ...) that have no input documents here.
  const stored =
    typeof command.aggregate === 'string'
      ? selectDocuments(existingCollection(ctx), { filter: leadingMatch, collation })
      : [];
  const count = countingGroup(stages);
  const docs = count
    ? countOf(stored.length, count)
    : aggregateDocuments(stored.map(cloneDocument), stages, {
        collation,
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

/** The read part of a command `explain` can describe. */
function readSpec(command: Document): FindSpec {
  const name = Object.keys(command)[0];
  const collation = optionalDocument(command.collation, 'collation');
  if (name === 'find')
    return {
      filter: optionalDocument(command.filter, 'filter'),
      sort: optionalDocument(command.sort, 'sort'),
      skip: optionalNumber(command.skip, 'skip'),
      limit: optionalNumber(command.limit, 'limit'),
      collation,
    };
  if (name === 'findAndModify' || name === 'findandmodify')
    return {
      filter: optionalDocument(command.query, 'query'),
      sort: optionalDocument(command.sort, 'sort'),
      limit: 1,
      collation,
    };
  if (name === 'count') return { filter: optionalDocument(command.query, 'query'), collation };
  throw new CommandError('CommandNotFound', `mongo-devserver cannot explain "${String(name)}"`);
}

/** Answers the queryPlanner part of mongod's explain, enough for a test to see an index scan or a full scan. */
const explain: CommandHandler = (ctx) => {
  const inner = optionalDocument(ctx.command.explain, 'explain');
  if (!inner) throw new CommandError('FailedToParse', "BSON field 'explain' is missing");
  const innerCtx = { ...ctx, command: inner };
  const spec = readSpec(inner);
  const collection = existingCollection(innerCtx);
  const winningPlan = collection ? explainPlan(planFor(collection, spec), spec) : { stage: 'EOF' };
  return { queryPlanner: { namespace: namespaceOf(innerCtx), winningPlan, rejectedPlans: [] }, ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
  explain,
};
