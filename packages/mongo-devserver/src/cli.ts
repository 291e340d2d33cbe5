#!/usr/bin/env node
import { parseCliOptions, usage } from './cli-options.js';
import { jsonLineLogger } from './logger.js';
import { startMongoDevServer } from './server.js';

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const logger = jsonLineLogger(options.logLevel);
  const { port, host, file } = options;
  const server = await startMongoDevServer({ port, host, file, logger });
  logger.info({ url: server.url, port: server.port, file: file ?? null }, 'mongo-devserver listening');

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    server.stop().then(
      () => {
        logger.info({}, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `mongo-devserver: ${error instanceof Error ? error.message : String(error)}\n${usage}\n`,
  );
  process.exit(1);
});
