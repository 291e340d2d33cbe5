import { parseArgs } from 'node:util';

export const usage =
  'usage: mongo-devserver [--port 27017] [--host 127.0.0.1] [--file .run/mongo.json] [--log-level info]';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export interface CliOptions {
  port: number;
  host: string;
  file?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  help: boolean;
}

/** Throws an Error whose message names the bad flag, for a one-line complaint on stderr. */
export function parseCliOptions(args: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '27017' },
      host: { type: 'string', default: '127.0.0.1' },
      file: { type: 'string' },
      'log-level': { type: 'string', default: env.LOG_LEVEL ?? 'info' },
      help: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer 0-65535, got "${values.port}"`);
  }
  const logLevel = LOG_LEVELS.find((level) => level === values['log-level']);
  if (!logLevel)
    throw new Error(`--log-level must be ${LOG_LEVELS.join(', ')}, got "${values['log-level']}"`);
  return { port, host: values.host, file: values.file, logLevel, help: values.help };
}
