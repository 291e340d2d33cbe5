import type { Document } from 'bson';
import type { CommandContext, CommandHandler } from './context.js';

/** Reported as MongoDB 7.0 (wire version 21): new enough for driver 7, old enough to avoid 8.0-only paths. */
export const SERVER_VERSION = '7.0.0';
const MAX_WIRE_VERSION = 21;
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

/**
 * A standalone, writable server. No `topologyVersion`: the driver then polls with plain hello
 * instead of streaming (exhaust) monitoring, which this server does not implement.
 * No `compression` and no `saslSupportedMechs`: the client falls back to uncompressed, unauthenticated use.
 */
function helloReply(ctx: CommandContext, legacy: boolean): Document {
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'mongo-devserver',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['mongo-devserver'],
  modules: [],
  javascriptEngine: 'none',
  ok: 1,
});

/** Known parameters only; asking for everything returns those too. */
const getParameter: CommandHandler = (ctx) => {
  const known: Document = {
    featureCompatibilityVersion: { version: '7.0' },
    authenticationMechanisms: [],
    logLevel: 0,
  };
  const requested = ctx.command.getParameter === '*' ? Object.keys(known) : Object.keys(ctx.command);
  return {
    ...Object.fromEntries(requested.filter((key) => key in known).map((key) => [key, known[key]])),
    ok: 1,
  };
};

const getLog: CommandHandler = (ctx) =>
  ctx.command.getLog === '*'
    ? { names: ['global', 'startupWarnings'], ok: 1 }
    : { totalLinesWritten: 0, log: [], ok: 1 };

const ok: CommandHandler = () => ({ ok: 1 });

export const handshakeCommands: Record<string, CommandHandler> = {
  hello: (ctx) => helloReply(ctx, false),
  isMaster: (ctx) => helloReply(ctx, true),
  ismaster: (ctx) => helloReply(ctx, true),
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  getLog,
  endSessions: ok,
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
};
