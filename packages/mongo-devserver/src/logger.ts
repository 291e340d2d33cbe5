/** The subset of a pino logger the server uses, so callers can pass theirs (or nothing). */
export interface DevServerLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: DevServerLogger = { debug() {}, info() {}, warn() {}, error() {} };

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** One JSON object per line on stdout, pino-style, for the CLI. */
export function jsonLineLogger(level: (typeof LEVELS)[number] = 'info'): DevServerLogger {
  const threshold = LEVELS.indexOf(level);
  const line =
    (name: (typeof LEVELS)[number]) =>
    (obj: object, msg?: string): void => {
      if (LEVELS.indexOf(name) < threshold) return;
      const error = (obj as { err?: unknown }).err;
      const fields =
        error instanceof Error ? { ...obj, err: { message: error.message, stack: error.stack } } : obj;
      process.stdout.write(
        `${JSON.stringify({ level: name, time: Date.now(), name: 'mongo-devserver', ...fields, msg })}\n`,
      );
    };
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
