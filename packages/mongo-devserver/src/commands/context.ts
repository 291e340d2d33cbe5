import type { Document } from 'bson';
import type { CursorStore } from '../cursors.js';
import { cloneDocument } from '../documents.js';
import { CommandError } from '../errors.js';
import type { Engine } from '../storage/engine.js';
import type { Collection } from '../storage/collection.js';

export interface CommandContext {
  /** The database the command addresses ($db). */
  db: string;
  command: Document;
  engine: Engine;
  cursors: CursorStore;
  connectionId: number;
}

export type CommandHandler = (ctx: CommandContext) => Document;

/** The collection named by the command's first field (`{ find: 'users' }`), which must be a string. */
export function targetName(ctx: CommandContext): string {
  const [name, value] = Object.entries(ctx.command)[0] ?? [];
  if (typeof value !== 'string' || value === '') {
    throw new CommandError(
      'InvalidNamespace',
      `collection name has invalid type ${typeof value} for ${String(name)}`,
    );
  }
  return value;
}

export function existingCollection(ctx: CommandContext): Collection | undefined {
  return ctx.engine.collection(ctx.db, targetName(ctx));
}

export function namespaceOf(ctx: CommandContext, collection = targetName(ctx)): string {
  return `${ctx.db}.${collection}`;
}

/** Collections of the same database for $lookup/$graphLookup/$unionWith, as copies so stages cannot alter them. */
export function collectionResolver(ctx: CommandContext): (name: string) => Document[] {
  return (name) => ctx.engine.collection(ctx.db, name)?.documents().map(cloneDocument) ?? [];
}

export function optionalDocument(value: unknown, field: string): Document | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected type 'object'`);
  }
  return value as Document;
}

export function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = Number(typeof value === 'object' ? (value as { toString(): string }).toString() : value);
  if (!Number.isFinite(number)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected a number`);
  }
  return number;
}
