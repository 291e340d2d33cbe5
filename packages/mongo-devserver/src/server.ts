import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { commandName, isSupported, runCommand } from './commands/registry.js';
import { CursorStore } from './cursors.js';
import { silentLogger, type DevServerLogger } from './logger.js';
import { Engine } from './storage/engine.js';
import { SnapshotFile } from './storage/persistence.js';
import { serveConnection } from './wire/connection.js';

export interface MongoDevServerOptions {
  /** Default 27017; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How often TTL indexes are applied; default 1000 ms (mongod uses 60 s, which is slow for development). */
  ttlIntervalMs?: number;
  /** Snapshot file (Extended JSON). Without it the data lives in memory only. */
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

export async function startMongoDevServer(options: MongoDevServerOptions = {}): Promise<MongoDevServer> {
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  let persist = (): void => {};
  const engine = new Engine(() => persist());
  const file = options.file
    ? new SnapshotFile(
        resolve(options.file),
        () => engine.snapshot(),
        (err) => logger.error({ err }, 'writing the data file failed'),
      )
    : undefined;
  const snapshot = file?.load();
  if (snapshot) engine.restore(snapshot);
  if (file) persist = () => file.schedule();

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
        return runCommand({ db: request.db, command: request.command, engine, cursors, connectionId: id });
      },
      logger,
    );
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 27017, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
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
      await file?.flush();
    })();
    return stopping;
  };
  return { url, port, stop };
}
