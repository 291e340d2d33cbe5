// Starts every part of the storefront as local processes (built artifacts), waits until each one answers its
// readiness probe, and stops them all together. `npm start` runs it for people; the browser tests import
// startStack() to run a throw-away copy on other ports with their own databases.
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { PassThrough } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { concurrently } from 'concurrently';
import waitOn from 'wait-on';
import { formatEntry, lineSplitter, startedBanner } from './log-lines.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every deployable, its folder and its port (docs/conventions.md). Ports shift together by `portOffset`. */
export const parts = [
  { name: 'user', dir: 'services/user', port: 7201, urlEnv: 'USER_SERVICE_URL' },
  {
    name: 'product',
    dir: 'services/product',
    port: 7202,
    urlEnv: 'PRODUCT_SERVICE_URL',
    database: 'PRODUCT_DATABASE_URL',
  },
  {
    name: 'order',
    dir: 'services/order',
    port: 7203,
    urlEnv: 'ORDER_SERVICE_URL',
    database: 'ORDER_DATABASE_URL',
  },
  { name: 'notification', dir: 'services/notification', port: 7204, urlEnv: 'NOTIFICATION_SERVICE_URL' },
  { name: 'user-dashboard', dir: 'fragments/user-dashboard', port: 7101, urlEnv: 'USER_DASHBOARD_URL' },
  { name: 'product-catalog', dir: 'fragments/product-catalog', port: 7102, urlEnv: 'PRODUCT_CATALOG_URL' },
  { name: 'order-management', dir: 'fragments/order-management', port: 7103, urlEnv: 'ORDER_MANAGEMENT_URL' },
  { name: 'layout', dir: 'layout', port: 3000, urlEnv: 'LAYOUT_URL' },
];
const GATEWAY_PORT = 8080;
const MONGO_PORT = 27017;

function startCommand(dir) {
  const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const command = manifest.scripts?.start;
  if (!command) throw new Error(`${dir}/package.json has no "start" script`);
  return command;
}

/**
 * @param {{
 *   portOffset?: number,
 *   runDir?: string,
 *   env: Record<string, string>,   // datastore URLs, auth keys, ... shared by every part
 *   mongoUrl?: string,             // a real MongoDB; without it the project's dev server runs
 *   quiet?: boolean,
 *   // A part run another way (`npm run dev`: from its source, watched): its command, folder and extra environment.
 *   runAs?: (part: { name: string, dir: string, port: number }) =>
 *     { command: string, cwd?: string, env?: Record<string, string> } | undefined,
 *   readyTimeout?: number,
 *   readable?: boolean | { requests?: boolean }, // one line per warning/error per part (npm start), not raw output
 * }} options
 */
export async function startStack({
  portOffset = 0,
  runDir = join(root, '.run'),
  env,
  mongoUrl,
  quiet = false,
  runAs = () => undefined,
  readyTimeout = 120_000,
  readable = false,
}) {
  mkdirSync(runDir, { recursive: true });
  const url = (port) => `http://127.0.0.1:${port + portOffset}`;
  const gatewayPort = GATEWAY_PORT + portOffset;
  const mongoPort = MONGO_PORT + portOffset;

  const shared = {
    ...env,
    NODE_ENV: 'production',
    MONGO_URL: mongoUrl ?? `mongodb://127.0.0.1:${mongoPort}/${env.MONGO_DATABASE ?? 'storefront'}`,
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
    ...Object.fromEntries(parts.map((part) => [part.urlEnv, url(part.port)])),
  };

  const commands = [];
  if (!mongoUrl) {
    commands.push({
      name: 'mongo',
      cwd: join(root, 'packages/mongo-devserver'),
      command: `node dist/cli.js --port ${mongoPort} --file ${join(runDir, 'mongo.json')}`,
      env: shared,
    });
  }
  for (const part of parts) {
    const other = runAs(part);
    commands.push({
      name: part.name,
      cwd: other?.cwd ?? join(root, part.dir),
      command: other?.command ?? startCommand(part.dir),
      env: {
        ...shared,
        PORT: String(part.port + portOffset),
        HOST: '127.0.0.1',
        // Two services each call their own database DATABASE_URL.
        ...(part.database ? { DATABASE_URL: shared[part.database] } : {}),
        ...other?.env,
      },
    });
  }
  const nginxDir = join(runDir, 'nginx');
  commands.push({
    name: 'gateway',
    cwd: join(root, 'nginx'),
    command: `node render.mjs && exec nginx -p ${nginxDir} -c ${join(nginxDir, 'nginx.conf')} -e stderr -g "daemon off;"`,
    env: {
      ...shared,
      GATEWAY_PORT: String(gatewayPort),
      NGINX_PREFIX: nginxDir,
      // nginx cannot open /dev/stdout when it is a socket (as under a test runner): the access log goes to a file.
      GATEWAY_ACCESS_LOG: shared.GATEWAY_ACCESS_LOG ?? join(nginxDir, 'access.log'),
    },
  });

  const { commands: running, result } = concurrently(commands, {
    prefix: 'name',
    killOthersOn: ['failure'],
    killSignal: 'SIGTERM',
    handleInput: false,
    raw: false,
    outputStream: quiet || readable ? new PassThrough().resume() : process.stdout,
  });
  const finished = result.catch(() => undefined);
  const stopReadable = readable
    ? showReadableLogs(running, readable === true ? {} : readable, nginxDir)
    : () => {};
  finished.then(stopReadable);

  // A part stopped on purpose (stopPart) may exit by the signal, which concurrently counts as a failure and answers
  // by stopping every other part: report such an exit as a clean one, so only real crashes take the stack down.
  const stoppedOnPurpose = new Set();
  for (const command of running) {
    const emit = command.close.next.bind(command.close);
    command.close.next = (event) =>
      emit(stoppedOnPurpose.has(command.name) ? { ...event, exitCode: 0 } : event);
  }

  const probes = [
    ...parts.map((part) => `http-get://127.0.0.1:${part.port + portOffset}/readyz`),
    `http-get://127.0.0.1:${gatewayPort}/healthz`,
  ];
  const stopAll = async () => {
    for (const command of running) if (command.pid && !command.exited) command.kill('SIGTERM');
    await finished;
  };
  try {
    await Promise.race([
      waitOn({
        resources: probes,
        timeout: readyTimeout,
        interval: 250,
        validateStatus: (status) => status === 200,
      }),
      finished.then(() => {
        throw new Error('a part stopped while the stack was starting (see its log above)');
      }),
    ]);
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    url: `http://localhost:${gatewayPort}`,
    env: shared,
    /** Stops one part (SIGTERM), e.g. to see the page survive without it. */
    stopPart(name) {
      const command = running.find((candidate) => candidate.name === name);
      if (!command) throw new Error(`no part named ${name}`);
      stoppedOnPurpose.add(name);
      command.kill('SIGTERM');
    },
    /**
     * Starts a part stopped by stopPart again (same command, port and environment) and resolves once it answers
     * its readiness probe; a part that is running is left alone.
     */
    async startPart(name, { timeout = 60_000 } = {}) {
      const command = running.find((candidate) => candidate.name === name);
      const part = parts.find((candidate) => candidate.name === name);
      // The MongoDB dev server has no HTTP probe: it is ready once it accepts connections.
      const probe =
        name === 'mongo'
          ? `tcp:127.0.0.1:${mongoPort}`
          : part && `http-get://127.0.0.1:${part.port + portOffset}/readyz`;
      if (!command || !probe) throw new Error(`no part named ${name}`);
      if (command.process && command.killed) {
        // Stopped but still finishing its in-flight work: wait until it is gone, then start a new one.
        await new Promise((resolvePromise) => {
          const subscription = command.close.subscribe(() => {
            subscription.unsubscribe();
            resolvePromise();
          });
          if (!command.process) resolvePromise();
        });
      }
      if (!command.process) {
        command.killed = false;
        stoppedOnPurpose.delete(name);
        command.start();
      }
      await waitOn({
        resources: [probe],
        timeout,
        interval: 100,
        validateStatus: (status) => status === 200,
      });
    },
    /** The process id of a running part (its shell's child when the command runs through a shell), else null. */
    partPid(name) {
      const command = running.find((candidate) => candidate.name === name);
      if (!command) throw new Error(`no part named ${name}`);
      return command.process ? command.pid : null;
    },
    /** Each part's own address (not through the gateway), e.g. to reach a service directly. */
    partUrls: Object.fromEntries(parts.map((part) => [part.name, url(part.port)])),
    stop: stopAll,
  };
}

/**
 * Each part's output as readable lines on this terminal (scripts/log-lines.mjs): warnings and errors, a part that
 * stops, and with `requests` every request (the gateway's access log file is followed for its own). Answers a
 * function that stops following.
 */
function showReadableLogs(running, { requests = false }, nginxDir) {
  const colour = Boolean(process.stdout.isTTY);
  const write = (entry) => process.stdout.write(`${formatEntry(entry, { colour })}\n`);
  for (const command of running) {
    for (const stream of /** @type {const} */ (['stdout', 'stderr'])) {
      const lines = lineSplitter(command.name, { stream, requests }, write);
      command[stream].subscribe({ next: (chunk) => lines.push(chunk), complete: () => lines.end() });
    }
    command.close.subscribe((event) => {
      if (event.killed || event.exitCode === 0) return;
      write({ part: command.name, level: 'error', message: `stopped (exit code ${event.exitCode})` });
    });
  }
  if (!requests) return () => {};
  // nginx cannot write its access log to a pipe of ours: the file it writes is read as it grows.
  const file = join(nginxDir, 'access.log');
  const lines = lineSplitter('gateway', { requests: true }, write);
  let offset = existsSync(file) ? statSync(file).size : 0;
  const timer = setInterval(() => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size < offset) offset = 0;
    if (size === offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = size;
    lines.push(buffer);
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}

/** The datastores a local run uses: stable names, created when missing, kept between runs. */
export async function prepareLocalStores(runDir) {
  const { default: pg } = await import('pg');
  const { default: mysql } = await import('mysql2/promise');
  const { generateAuthKeyPair } = await import('@storefront/auth');

  const pgAdmin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await pgAdmin.connect();
  const { rowCount } = await pgAdmin.query('SELECT 1 FROM pg_database WHERE datname = $1', ['storefront']);
  if (rowCount === 0) await pgAdmin.query('CREATE DATABASE storefront');
  await pgAdmin.end();

  const my = await mysql.createConnection('mysql://root@127.0.0.1:3306/');
  await my.query('CREATE DATABASE IF NOT EXISTS storefront CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
  await my.end();

  // Secrets of this machine's local run: made once, kept out of the repository (.run/ is ignored).
  const keysFile = join(runDir, 'auth-keys.json');
  if (!existsSync(keysFile)) {
    mkdirSync(runDir, { recursive: true });
    const secrets = {
      ...(await generateAuthKeyPair()),
      previewSecret: randomBytes(32).toString('base64url'),
      serviceTokenSecret: randomBytes(32).toString('base64url'),
    };
    writeFileSync(keysFile, JSON.stringify(secrets), { mode: 0o600 });
  }
  const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
  keys.previewSecret ??= randomBytes(32).toString('base64url');
  keys.serviceTokenSecret ??= randomBytes(32).toString('base64url');

  return {
    PRODUCT_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/storefront',
    ORDER_DATABASE_URL: 'mysql://root@127.0.0.1:3306/storefront',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: 'storefront:',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    AUTH_PUBLIC_KEY: keys.publicKey,
    AUTH_PRIVATE_KEY: keys.privateKey,
    PREVIEW_SECRET: keys.previewSecret,
    // The order service's credential for the product service's internal routes.
    SERVICE_TOKEN_SECRET: keys.serviceTokenSecret,
    // Plain http on localhost: a Secure cookie would not be sent back by every browser.
    COOKIE_SECURE: 'false',
    SEED_EDITOR_EMAIL: 'editor@storefront.local',
    SEED_EDITOR_PASSWORD: 'editor-password',
    SEED_ADMIN_EMAIL: 'admin@storefront.local',
    SEED_ADMIN_PASSWORD: 'admin-password',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runDir = join(root, '.run');
  const env = await prepareLocalStores(runDir);
  const requests = process.env.LOG_REQUESTS === '1';
  console.log(
    `Starting the storefront: warnings and errors of each part show below` +
      (requests ? ', and every request (LOG_REQUESTS=1).' : ' (LOG_REQUESTS=1 shows every request too).'),
  );
  const stack = await startStack({ runDir, env, mongoUrl: process.env.MONGO_URL, readable: { requests } });
  // The last thing of the start-up, so the one line a newcomer needs does not scroll away.
  console.log(startedBanner(stack.url, env));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  async function shutdown() {
    await stack.stop();
    process.exit(0);
  }
}
