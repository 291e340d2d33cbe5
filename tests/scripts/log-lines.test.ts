import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script of the repository, without type declarations.
import { formatEntry, lineSplitter, readableEntry, startedBanner } from '../../scripts/log-lines.mjs';

type Entry = { part: string; level: string; message: string } | null;
const read = readableEntry as (
  part: string,
  line: string,
  options?: { stream?: 'stdout' | 'stderr'; requests?: boolean },
) => Entry;
const format = formatEntry as (entry: NonNullable<Entry>, options?: { colour?: boolean }) => string;

const pino = (fields: Record<string, unknown>) =>
  JSON.stringify({ time: '2026-12-01T17:00:00.000Z', service: 'product-service', pid: 1, ...fields });
const request = (status: number, level = status >= 500 ? 50 : 30) =>
  pino({
    level,
    req: { id: 'r1', method: 'GET', url: '/products?page=2' },
    res: { statusCode: status },
    responseTime: 12.4,
    msg: 'request completed',
  });
const gatewayAccess = JSON.stringify({
  time: '2026-12-01T17:00:00+00:00',
  requestId: 'abc',
  method: 'GET',
  uri: '/c/kitchen',
  status: 200,
  bytes: 5120,
  durationMs: '0.031',
  upstream: '127.0.0.1:3000',
  cache: 'HIT',
  path: '/c/kitchen',
});

describe("npm start's log lines", () => {
  it('when a part logs a warning, it reads as one line: the part, WARN and the message', () => {
    const entry = read('product', pino({ level: 40, msg: 'Redis is slow to answer' }));

    expect(entry).toEqual({ part: 'product', level: 'warn', message: 'Redis is slow to answer' });
    expect(format(entry!)).toBe('product          WARN  Redis is slow to answer');
  });

  it("when a part logs an error with its cause, the cause's message follows on the same line", () => {
    const line = pino({
      level: 50,
      msg: 'relay failed',
      err: { type: 'Error', message: 'connection refused', stack: 'Error: …\n    at x' },
    });

    expect(format(read('order', line)!)).toBe('order            ERROR relay failed: connection refused');
  });

  it('when a record carries its own fields, they follow the message, so it says which podlet or order', () => {
    const line = JSON.stringify({
      level: 'warn',
      msg: 'podlet manifest unavailable',
      podlet: 'user-dashboard',
    });

    expect(format(read('layout', line)!)).toBe(
      'layout           WARN  podlet manifest unavailable (podlet=user-dashboard)',
    );
  });

  it('when a part logs at info or debug level, nothing is shown', () => {
    expect(read('user', pino({ level: 30, msg: 'listening on 127.0.0.1:7201' }))).toBeNull();
    expect(read('user', pino({ level: 20, msg: 'cache miss' }))).toBeNull();
  });

  it('when request logs are not asked for, a request line is hidden, unless the request failed with a 5xx', () => {
    expect(read('product', request(200))).toBeNull();
    expect(read('gateway', gatewayAccess)).toBeNull();
    expect(read('product', request(503))).toEqual({
      part: 'product',
      level: 'error',
      message: 'GET /products?page=2 503 12ms',
    });
  });

  it('when request logs are asked for (LOG_REQUESTS=1), each request is one short line, the gateway with its cache', () => {
    expect(format(read('product', request(200), { requests: true })!)).toBe(
      'product          INFO  GET /products?page=2 200 12ms',
    );
    expect(format(read('gateway', gatewayAccess, { requests: true })!)).toBe(
      'gateway          INFO  GET /c/kitchen 200 31ms cache HIT',
    );
  });

  it("when nginx writes its error log, warnings show with nginx's level and notices do not", () => {
    const warn = '2026/12/01 17:00:00 [warn] 123#0: *5 an upstream response is buffered to a temporary file';

    expect(read('gateway', warn, { stream: 'stderr' })).toEqual({
      part: 'gateway',
      level: 'warn',
      message: 'an upstream response is buffered to a temporary file',
    });
    expect(
      read('gateway', '2026/12/01 17:00:00 [notice] 123#0: signal process started', { stream: 'stderr' }),
    ).toBeNull();
  });

  it('when a part prints plain text, a banner on stdout stays quiet and anything on stderr is shown', () => {
    expect(read('layout', '   ▲ Next.js 16.0.0')).toBeNull();
    expect(read('layout', ' ✓ Ready in 312ms')).toBeNull();
    expect(read('layout', 'Error: Cannot find module ./x')?.level).toBe('error');
    expect(read('user-dashboard', '(node:12) ExperimentalWarning: something', { stream: 'stderr' })).toEqual({
      part: 'user-dashboard',
      level: 'warn',
      message: '(node:12) ExperimentalWarning: something',
    });
    expect(read('layout', '   ', { stream: 'stderr' })).toBeNull();
  });

  it('when output arrives in chunks that split lines, each whole line is read once', () => {
    const seen: NonNullable<Entry>[] = [];
    const lines = (
      lineSplitter as (
        part: string,
        options: object,
        write: (entry: NonNullable<Entry>) => void,
      ) => {
        push(chunk: string): void;
        end(): void;
      }
    )('order', {}, (entry) => seen.push(entry));
    const text = `${pino({ level: 40, msg: 'first' })}\n${pino({ level: 50, msg: 'second' })}`;

    lines.push(text.slice(0, 30));
    lines.push(text.slice(30));
    lines.end();

    expect(seen.map((entry) => entry.message)).toEqual(['first', 'second']);
  });

  it('when colours are on (a terminal), only the level word is coloured', () => {
    expect(format({ part: 'user', level: 'error', message: 'boom' }, { colour: true })).toBe(
      'user             \u001b[31mERROR\u001b[0m boom',
    );
  });

  it('when the stack is up, the banner ends with the address and the accounts, framed', () => {
    const banner = (startedBanner as (url: string, env: Record<string, string>) => string)(
      'http://localhost:8080',
      {
        SEED_EDITOR_EMAIL: 'editor@storefront.local',
        SEED_EDITOR_PASSWORD: 'editor-password',
        SEED_ADMIN_EMAIL: 'admin@storefront.local',
        SEED_ADMIN_PASSWORD: 'admin-password',
      },
    );

    const lines = banner.split('\n').filter(Boolean);
    expect(lines[1]).toContain('Storefront is up: http://localhost:8080');
    expect(banner).toContain('editor@storefront.local / editor-password');
    expect(banner).toContain('admin@storefront.local / admin-password');
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });
});
