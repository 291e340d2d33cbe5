import { createServer, type Socket } from 'node:net';
import type { Document } from 'bson';
import { resolve } from 'node:path';
import { commandName, isSupported, runCommand } from './commands/registry.js';
import { CursorStore } from './cursors.js';
import { silentLogger, type DevServerLogger } from './logger.js';
import { Engine } from './storage/engine.js';
import { DataFile } from './storage/persistence.js';
import { serveConnection } from './wire/connection.js';

export interface MongoDevServerOptions {
  /** Default 27017; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How often TTL indexes are applied; default 1000 ms (mongod uses 60 s, which is slow for development). */
  ttlIntervalMs?: number;
  /**
   * Snapshot file (Extended JSON) with its journal beside it (`<file>.journal`) and a lock (`<file>.lock`).
   * Without it the data lives in memory only.
   */
  file?: string;
  logger?: DevServerLogger;
}

export interface MongoDevServer {
  /** `mongodb://host:port` (append `/<db>` to choose a database). */
  url: string;
  port: number;
  /** Closes every connection and writes pending changes to the file. */
  stop(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function failedWrite(error: unknown): Document {
  return {
    ok: 0,
    errmsg: `writing the data file failed: ${error instanceof Error ? error.message : String(error)}`,
    code: 1,
    codeName: 'InternalError',
  };
}

/** Locks the file, loads snapshot and journal into the engine, then journals every later change. */
async function openDataFile(path: string, engine: Engine, logger: DevServerLogger): Promise<DataFile> {
  const file = DataFile.open(path, (err) => logger.error({ err }, 'compacting the data file failed'));
  try {
    const { snapshot, changes, droppedTail } = file.load();
    if (droppedTail > 0)
      logger.warn({ bytes: droppedTail }, 'dropped a journal record a crash cut short (never acknowledged)');
    if (snapshot) engine.restore(snapshot);
    for (const change of changes) engine.apply(change);
    if (!snapshot || changes.length > 0) await file.compact(engine.snapshot());
  } catch (error) {
    await file.release();
    throw error;
  }
  engine.recordChanges((change) => file.record(change));
  file.take = () => engine.snapshot();
  return file;
}

export async function startMongoDevServer(options: MongoDevServerOptions = {}): Promise<MongoDevServer> {
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const engine = new Engine();
  const file = options.file ? await openDataFile(resolve(options.file), engine, logger) : undefined;

  const cursors = new CursorStore();
  const sockets = new Set<Socket>();
  let connectionId = 0;

  const server = createServer((socket) => {
    const id = ++connectionId;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(
      socket,
      (request) => {
        const name = commandName(request.command);
        if (!isSupported(name)) logger.warn({ command: name, db: request.db }, 'unsupported command');
        else logger.debug({ command: name, db: request.db, connectionId: id }, 'command');
        const reply = runCommand({
          db: request.db,
          command: request.command,
          engine,
          cursors,
          connectionId: id,
        });
        // Nothing is answered, a write or a read that may have seen one, before that write is on disk.
        return file ? file.commit().then(() => reply, failedWrite) : reply;
      },
      logger,
    );
  });

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 27017, host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    await file?.release();
    throw error;
  }
  const ttlMonitor = setInterval(() => {
    const removed = engine.expire();
    if (removed > 0) logger.debug({ removed }, 'expired documents removed');
  }, options.ttlIntervalMs ?? 1000);
  ttlMonitor.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 27017);
  const url = `mongodb://${hostForUrl(host)}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(ttlMonitor);
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const socket of sockets) socket.destroy();
      await closed;
      cursors.clear();
      await file?.close(engine.snapshot());
    })();
    return stopping;
  };
  return { url, port, stop };
}
