import type { Document } from 'bson';
import { asCommandError, CommandError } from '../errors.js';
import { sameDocument } from '../documents.js';
import { findDocuments } from '../query.js';
import { selectDocuments } from '../storage/planner.js';
import type { Collection } from '../storage/collection.js';
import { isReplacement, updatedDocument, upsertDocument, type UpdateSpec } from '../update.js';
import {
  existingCollection,
  optionalDocument,
  targetName,
  type CommandContext,
  type CommandHandler,
} from './context.js';

/**
 * Runs each statement of a write command; a failing statement becomes a `writeErrors` entry (as in mongod),
 * and an ordered batch stops at the first one.
 */
function runStatements<T>(
  ctx: CommandContext,
  statements: T[],
  run: (statement: T, index: number) => void,
): Document {
  const ordered = ctx.command.ordered !== false;
  const writeErrors: Document[] = [];
  statements.forEach((statement, index) => {
    if (ordered && writeErrors.length > 0) return;
    try {
      run(statement, index);
    } catch (error) {
      writeErrors.push(asCommandError(error).toWriteError(index));
    }
  });
  return writeErrors.length > 0 ? { writeErrors } : {};
}

function statementsOf(ctx: CommandContext, field: string): Document[] {
  const value = ctx.command[field];
  if (!Array.isArray(value))
    throw new CommandError('FailedToParse', `BSON field '${field}' is missing or not an array`);
  return value as Document[];
}

const insert: CommandHandler = (ctx) => {
  const documents = statementsOf(ctx, 'documents');
  const collection = ctx.engine.ensureCollection(ctx.db, targetName(ctx));
  let n = 0;
  const errors = collection.inBulk(() =>
    runStatements(ctx, documents, (doc) => {
      collection.insert(doc);
      n += 1;
    }),
  );
  return { n, ...errors, ok: 1 };
};

function updateSpec(filter: unknown, update: unknown, statement: Document): UpdateSpec {
  if (update === null || typeof update !== 'object')
    throw new CommandError('FailedToParse', 'Update argument must be an object or an array');
  return {
    filter: optionalDocument(filter, 'q') ?? {},
    update: update as Document | Document[],
    arrayFilters: Array.isArray(statement.arrayFilters) ? (statement.arrayFilters as Document[]) : undefined,
    collation: optionalDocument(statement.collation, 'collation'),
  };
}

function matching(
  collection: Collection | undefined,
  spec: UpdateSpec,
  sort: Document | undefined,
  limit: number | undefined,
): Document[] {
  return selectDocuments(collection, { filter: spec.filter, collation: spec.collation, sort, limit });
}

/** Applies an update to one stored document; returns the new version and whether anything changed. */
function modify(
  collection: Collection,
  current: Document,
  spec: UpdateSpec,
): { next: Document; changed: boolean } {
  const next = updatedDocument(current, spec);
  if (sameDocument(current, next)) return { next: current, changed: false };
  collection.replace(current, next);
  return { next, changed: true };
}

const update: CommandHandler = (ctx) => {
  const name = targetName(ctx);
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const errors = runStatements(ctx, statementsOf(ctx, 'updates'), (statement, index) => {
    const spec = updateSpec(statement.q, statement.u, statement);
    if (statement.multi === true && isReplacement(spec.update)) {
      throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
    }
    const collection = existingCollection(ctx);
    const targets = matching(
      collection,
      spec,
      optionalDocument(statement.sort, 'sort'),
      statement.multi === true ? undefined : 1,
    );
    if (targets.length === 0) {
      if (statement.upsert !== true) return;
      const doc = ctx.engine.ensureCollection(ctx.db, name).insert(upsertDocument(spec));
      n += 1;
      upserted.push({ index, _id: doc._id });
      return;
    }
    for (const current of targets) {
      n += 1;
      if (modify(collection as Collection, current, spec).changed) nModified += 1;
    }
  });
  return { n, nModified, ...(upserted.length > 0 ? { upserted } : {}), ...errors, ok: 1 };
};

const remove: CommandHandler = (ctx) => {
  let n = 0;
  const errors = runStatements(ctx, statementsOf(ctx, 'deletes'), (statement) => {
    const collection = existingCollection(ctx);
    if (!collection) return;
    const found = selectDocuments(collection, {
      filter: optionalDocument(statement.q, 'q') ?? {},
      collation: optionalDocument(statement.collation, 'collation'),
      limit: statement.limit === 1 ? 1 : undefined,
    });
    for (const doc of found) collection.remove(doc);
    n += found.length;
  });
  return { n, ...errors, ok: 1 };
};

function project(doc: Document | null, fields: Document | undefined): Document | null {
  if (!doc || !fields || Object.keys(fields).length === 0) return doc;
  return findDocuments([doc], { projection: fields })[0] ?? null;
}

/** findOneAndUpdate / findOneAndReplace / findOneAndDelete; errors here are command errors, not writeErrors. */
const findAndModify: CommandHandler = (ctx) => {
  const { command } = ctx;
  const fields = optionalDocument(command.fields, 'fields');
  const collection = existingCollection(ctx);
  const query = optionalDocument(command.query, 'query') ?? {};
  const sort = optionalDocument(command.sort, 'sort');
  const collation = optionalDocument(command.collation, 'collation');

  if (command.remove === true) {
    const [current] = selectDocuments(collection, { filter: query, sort, collation, limit: 1 });
    if (current) collection?.remove(current);
    return { lastErrorObject: { n: current ? 1 : 0 }, value: project(current ?? null, fields), ok: 1 };
  }

  if (command.update === undefined)
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
  const spec = updateSpec(query, command.update, command);
  const [current] = matching(collection, spec, sort, 1);
  if (current) {
    const { next } = modify(collection as Collection, current, spec);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(command.new === true ? next : current, fields),
      ok: 1,
    };
  }
  if (command.upsert !== true)
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const doc = ctx.engine.ensureCollection(ctx.db, targetName(ctx)).insert(upsertDocument(spec));
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: command.new === true ? project(doc, fields) : null,
    ok: 1,
  };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
};
