// What `npm start` shows of each part's output: one readable line per warning or error, `<part> <LEVEL> <message>`,
// instead of every JSON log line of every part. Request logs (pino-http's, the gateway's access log) only when asked
// for (LOG_REQUESTS=1). Pure functions, so a unit test reads exactly what a person will see.

/** pino's numeric levels, and the words nginx and other tools write. */
const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const RANK = {
  trace: 10,
  debug: 20,
  info: 30,
  notice: 30,
  warn: 40,
  error: 50,
  crit: 50,
  alert: 60,
  emerg: 60,
  fatal: 60,
};
const WARN = RANK.warn;

/** The width of the part column: the longest part name (`order-management`). */
export const PART_WIDTH = 16;

/** A level name from a pino record: a number (pino's default) or a word (`level: 'warn'`). */
function levelOf(record) {
  if (typeof record.level === 'number')
    return LEVELS[record.level] ?? (record.level >= 50 ? 'error' : 'info');
  if (typeof record.level === 'string' && record.level.toLowerCase() in RANK)
    return record.level.toLowerCase();
  return 'info';
}

/** A request record: pino-http's (`req` and `res`) or the gateway's access log (`method`, `uri`, `status`). */
function requestSummary(record) {
  if (record.req && record.res) {
    const time = typeof record.responseTime === 'number' ? ` ${Math.round(record.responseTime)}ms` : '';
    return `${record.req.method ?? ''} ${record.req.url ?? ''} ${record.res.statusCode ?? ''}${time}`.trim();
  }
  if (typeof record.method === 'string' && typeof record.uri === 'string' && record.status !== undefined) {
    const seconds = Number(record.durationMs);
    const time = Number.isFinite(seconds) ? ` ${Math.round(seconds * 1000)}ms` : '';
    const cache = record.cache && record.cache !== '-' ? ` cache ${record.cache}` : '';
    return `${record.method} ${record.uri} ${record.status}${time}${cache}`;
  }
  return undefined;
}

/** Fields every record has, or that are said otherwise: the rest is the record's context (which podlet, which id). */
const COMMON_FIELDS = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'service',
  'name',
  'msg',
  'message',
  'err',
  'error',
  'req',
  'res',
  'responseTime',
  'reqId',
  'requestId',
  'v',
]);
const MAX_CONTEXT_FIELDS = 4;

/** A record's own scalar fields, `key=value`, so "podlet manifest unavailable" says which podlet. */
function contextOf(record) {
  return Object.entries(record)
    .filter(
      ([key, value]) => !COMMON_FIELDS.has(key) && ['string', 'number', 'boolean'].includes(typeof value),
    )
    .slice(0, MAX_CONTEXT_FIELDS)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** The message of a pino record, with the error's own message and the record's context. */
function messageOf(record) {
  const text = messageText(record);
  const context = contextOf(record);
  return context ? `${text} (${context})` : text;
}

function messageText(record) {
  const message =
    typeof record.msg === 'string' ? record.msg : typeof record.message === 'string' ? record.message : '';
  const error = record.err ?? record.error;
  const detail = error && typeof error === 'object' && typeof error.message === 'string' ? error.message : '';
  if (detail && !message.includes(detail)) return message ? `${message}: ${detail}` : detail;
  return message || JSON.stringify(record);
}

// nginx's error log: `2026/12/01 17:00:00 [warn] 123#0: *5 the message`.
const nginxLine = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*)$/;
const looksLikeTrouble = /\b(error|errors|fatal|exception|uncaught|unhandled|failed|refused)\b/i;

/**
 * One line of a part's output as a person should see it, or null when it is not for them.
 * @param {string} part  the part's name
 * @param {string} line  one line it wrote
 * @param {{ stream?: 'stdout' | 'stderr', requests?: boolean }} [options]
 *   stream: where the line came from (a non-JSON line on stderr is shown: crashes and runtime warnings go there);
 *   requests: show request logs too (LOG_REQUESTS=1)
 * @returns {{ part: string, level: string, message: string } | null}
 */
export function readableEntry(part, line, { stream = 'stdout', requests = false } = {}) {
  const text = line.replace(/\s+$/, '');
  if (!text.trim()) return null;
  let record;
  if (text.startsWith('{')) {
    try {
      record = JSON.parse(text);
    } catch {
      record = undefined;
    }
  }
  if (record && typeof record === 'object') {
    const level = levelOf(record);
    const request = requestSummary(record);
    // An erring request (a 5xx logged as an error) is an error to see; the others are traffic.
    if (request !== undefined && RANK[level] < RANK.error) {
      return requests ? { part, level, message: request } : null;
    }
    if (RANK[level] < WARN) return null;
    return { part, level, message: request ?? messageOf(record) };
  }
  const nginx = nginxLine.exec(text);
  if (nginx) {
    const level = nginx[1].toLowerCase();
    return (RANK[level] ?? WARN) >= WARN ? { part, level, message: nginx[2] } : null;
  }
  // Plain text: start-up banners stay quiet; on stderr, or when it names trouble, it is shown.
  if (stream === 'stderr' || looksLikeTrouble.test(text)) {
    return { part, level: looksLikeTrouble.test(text) ? 'error' : 'warn', message: text.trim() };
  }
  return null;
}

const COLOURS = {
  warn: '\u001b[33m',
  error: '\u001b[31m',
  fatal: '\u001b[31m',
  crit: '\u001b[31m',
  alert: '\u001b[31m',
  emerg: '\u001b[31m',
};

/** An entry as one line: `product          WARN  message`, the level coloured on a terminal. */
export function formatEntry({ part, level, message }, { colour = false } = {}) {
  const word = level.toUpperCase().padEnd(5);
  const shown = colour && COLOURS[level] ? `${COLOURS[level]}${word}\u001b[0m` : word;
  return `${part.padEnd(PART_WIDTH)} ${shown} ${message.replace(/\s*\n\s*/g, ' ')}`;
}

/**
 * Splits a part's output stream into lines (chunks may end mid-line) and hands each readable one to `write`.
 * @returns {{ push(chunk: Buffer | string): void, end(): void }}
 */
export function lineSplitter(part, options, write) {
  let rest = '';
  const emit = (line) => {
    const entry = readableEntry(part, line, options);
    if (entry) write(entry);
  };
  return {
    push(chunk) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    end() {
      if (rest) emit(rest);
      rest = '';
    },
  };
}

/** The address and the seeded accounts, framed so they stand out from the log lines above them. */
export function startedBanner(url, env) {
  const lines = [
    `Storefront is up: ${url}`,
    `editor sign-in:   ${env.SEED_EDITOR_EMAIL} / ${env.SEED_EDITOR_PASSWORD}`,
    `admin sign-in:    ${env.SEED_ADMIN_EMAIL} / ${env.SEED_ADMIN_PASSWORD}`,
    'Customers sign up at /signup. Ctrl-C stops everything.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `  +${'-'.repeat(width + 2)}+`;
  return ['', rule, ...lines.map((line) => `  | ${line.padEnd(width)} |`), rule, ''].join('\n');
}
