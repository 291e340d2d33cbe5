import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import { ConfigError } from './config.js';

export interface RunServerOptions {
  name: string;
  app: RequestListener;
  port: number;
  host: string;
  logger: Logger;
  /** Closes pools, consumers and relays once no request is in flight any more. */
  onShutdown?: () => Promise<void>;
  /** How long in-flight requests may take to finish before their connections are cut. */
  graceMs?: number;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function close(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    // Keep-alive connections with no request in flight would hold close() open for no reason.
    server.closeIdleConnections();
  });
}

export async function runServer(options: RunServerOptions): Promise<Server> {
  const { name, app, port, host, logger, onShutdown, graceMs = 10_000 } = options;
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  const address = await listen(server, port, host);
  logger.info({ port: address.port, host }, `${name} listening`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await close(server, graceMs);
      await onShutdown?.();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return server;
}

/** Runs a server's start function and turns a configuration error into one readable line instead of a stack. */
export function main(name: string, start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
    } else {
      process.stderr.write(
        `${name}: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}

export async function startAppForTest(
  app: RequestListener,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(app);
  const address = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => close(server, 1000),
  };
}
