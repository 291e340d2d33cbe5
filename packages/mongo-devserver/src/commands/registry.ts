import type { Document } from 'bson';
import { asCommandError, CommandError } from '../errors.js';
import { catalogCommands } from './catalog.js';
import type { CommandContext, CommandHandler } from './context.js';
import { handshakeCommands } from './handshake.js';
import { readCommands } from './read.js';
import { writeCommands } from './write.js';

const handlers = new Map<string, CommandHandler>(
  Object.entries({ ...handshakeCommands, ...catalogCommands, ...readCommands, ...writeCommands }),
);

export function commandName(command: Document): string {
  return Object.keys(command)[0] ?? '';
}

export function isSupported(name: string): boolean {
  return handlers.has(name);
}

/**
 * mongod on a standalone refuses transactions; running their statements one by one instead would silently
 * lose the all-or-nothing guarantee the caller relies on.
 */
function refuseTransactions(command: Document): void {
  if (command.txnNumber !== undefined || command.startTransaction !== undefined) {
    throw new CommandError(
      'IllegalOperation',
      'Transaction numbers are only allowed on a replica set member or mongos (mongo-devserver is a standalone)',
    );
  }
}

/** Runs one command and always answers with a reply document: failures become `{ ok: 0, code, codeName, errmsg }`. */
export function runCommand(ctx: CommandContext): Document {
  const name = commandName(ctx.command);
  const handler = handlers.get(name);
  try {
    if (!handler)
      throw new CommandError('CommandNotFound', `mongo-devserver does not support command "${name}"`);
    refuseTransactions(ctx.command);
    return handler(ctx);
  } catch (error) {
    return asCommandError(error).toReply();
  }
}
