// `npm run test:containers`: the nine images built from the root Dockerfile and run with compose on this machine,
// then the walking-skeleton and the JavaScript-off journeys through the containerized gateway.
//
// 1. the base image (node:24-bookworm-slim) is made locally when missing (base-images.sh; no registry here);
// 2. every image is built in turn (podman build --pull=never; the shared stages come from the build cache);
// 3. compose.yaml, turned into a run of its nine app services on the host's network: each part on its port + the
//    shift (CONTAINERS_PORT_SHIFT, 30000 by default: gateway 38080) on loopback, pointed at throw-away databases,
//    vhost and key prefix in the machine's PostgreSQL, MariaDB, RabbitMQ and Redis and at the MongoDB dev server;
// 4. waits until every container's healthcheck passes, runs the journeys, removes it all and prints the figures.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { startMongoDevServer } from '@storefront/mongo-devserver';
import {
  createMysqlDatabase,
  createPostgresDatabase,
  createRabbitVhost,
  createRedisPrefix,
  createTestAuth,
} from '@storefront/testkit';
import { parts } from '../stack.mjs';
import { root } from '../workspaces.mjs';
import { runJourneys } from './journeys.mjs';

const shift = Number(process.env.CONTAINERS_PORT_SHIFT ?? 30_000);
if (!Number.isInteger(shift) || shift < 1024 || shift + 27_017 > 65_535)
  throw new Error('CONTAINERS_PORT_SHIFT must be an integer from 1024 to 38518');
const project = `storefront-containers-${shift}`;
const tag = process.env.IMAGE_TAG ?? 'latest';
const healthyWithin = Number(process.env.CONTAINERS_HEALTHY_WITHIN_MS ?? 90_000);
const editor = { email: 'editor@e2e.test', password: 'editor-e2e-password' };

/** The nine images: the Dockerfile target, its compose service and its name in the browser tests' part table. */
const images = [
  { target: 'user', service: 'user-service', part: 'user' },
  { target: 'product', service: 'product-service', part: 'product' },
  { target: 'order', service: 'order-service', part: 'order' },
  { target: 'notification', service: 'notification-service', part: 'notification' },
  { target: 'user-dashboard', service: 'user-dashboard', part: 'user-dashboard' },
  { target: 'product-catalog', service: 'product-catalog', part: 'product-catalog' },
  { target: 'order-management', service: 'order-management', part: 'order-management' },
  { target: 'layout', service: 'layout', part: 'layout' },
  { target: 'gateway', service: 'gateway', part: 'gateway' },
];
const portOf = (part) => (part === 'gateway' ? 8080 : parts.find((p) => p.name === part).port);

const log = (message) => console.log(`[test:containers] ${message}`);

/**
 * Healthy should mean whole: a podlet reports ready only after its first render (which misses the page's time budget
 * in a fresh process). Asks for the home page until no slot holds a fallback, as an operator's smoke check would, and
 * says how long after `compose up` that was and at which ask (1 when ready meant whole).
 */
async function waitWholePage(url, since, within = 60_000) {
  for (let asks = 1; ; asks += 1) {
    const body = await fetch(url)
      .then((answer) => answer.text())
      .catch(() => '');
    if (
      body.includes('data-fragment="product-catalog"') &&
      !/data-fragment-(fallback|unavailable)="/.test(body)
    )
      return { ms: Date.now() - since, asks };
    if (Date.now() - since > within)
      throw new Error(`the home page still has a fragment's fallback after ${within} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
const execFileAsync = promisify(execFile);
const podman = (...args) => execFileSync('podman', args, { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command; with a filter, its stderr lines that pass it are shown. */
function run(command, args, options = {}, showLine) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
    if (showLine)
      createInterface({ input: child.stderr }).on('line', (line) => showLine(line) && console.error(line));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} failed (${signal ?? code})`)),
    );
  });
}

/** `${NAME:-default}` / `${NAME-default}` as compose resolves them (podman-compose 1.0.3 leaves an empty default). */
const withDefaults = (value) =>
  String(value).replace(/\$\{([A-Za-z_]\w*)(:?)-([^}]*)\}/g, (_, name, colon, fallback) => {
    const set = process.env[name];
    return set === undefined || (colon && set === '') ? fallback : set;
  });

/** compose.yaml's app services on the host's network, on shifted loopback ports and this run's datastores. */
function composeForThisMachine(datastores) {
  const file = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true });
  const services = {};
  const address = new Map(
    images.map((image) => [image.service, `http://127.0.0.1:${portOf(image.part) + shift}`]),
  );
  for (const image of images) {
    const service = file.services[image.service];
    const environment = Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([name, raw]) => {
        const value = withDefaults(raw);
        // Another part's address (http://<service>:<port>) becomes its shifted loopback address.
        const other = /^http:\/\/([a-z-]+):\d+$/.exec(String(value));
        return [name, other && address.has(other[1]) ? address.get(other[1]) : String(value)];
      }),
    );
    const own = image.part === 'gateway' ? ['GATEWAY_HOST', 'GATEWAY_PORT'] : ['HOST', 'PORT'];
    Object.assign(environment, {
      [own[0]]: '127.0.0.1',
      [own[1]]: String(portOf(image.part) + shift),
      AUTH_PUBLIC_KEY: datastores.auth.publicKey,
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
    });
    for (const name of Object.keys(environment)) {
      if (name === 'GATEWAY_URL') environment[name] = address.get('gateway');
      if (name === 'AMQP_URL') environment[name] = datastores.rabbit.url;
      if (name === 'REDIS_URL') environment[name] = datastores.redis.url;
      if (name === 'REDIS_KEY_PREFIX') environment[name] = `${datastores.redis.prefix}${environment[name]}`;
      if (name === 'MONGO_URL') environment[name] = datastores.mongoUrl;
      if (name === 'DATABASE_URL')
        environment[name] = image.part === 'order' ? datastores.mysql.url : datastores.postgres.url;
      if (name === 'AUTH_PRIVATE_KEY') environment[name] = datastores.auth.privateKey;
      // One value per secret for the whole stack: a shared one (SERVICE_TOKEN_SECRET) must match across services.
      if (/(PASSWORD|SECRET)$/.test(name)) environment[name] = datastores.secret(name);
      // The gateway reaches the services over loopback here, not over a private network.
      if (name === 'TRUST_PROXY') environment[name] = 'loopback';
      if (name === 'SEED_EDITOR_EMAIL') environment[name] = editor.email;
      if (name === 'SEED_EDITOR_PASSWORD') environment[name] = editor.password;
      // No mail catcher here: the notification service records its mails without sending them.
      if (name === 'SMTP_URL') delete environment[name];
    }
    const dependsOn = Object.keys(service.depends_on ?? {}).filter((name) => address.has(name));
    services[image.service] = {
      ...service,
      image: `storefront/storefront-${image.target}:${tag}`,
      environment,
      network_mode: 'host',
      ...(dependsOn.length ? { depends_on: dependsOn } : {}),
    };
    for (const key of ['build', 'networks', 'ports', ...(dependsOn.length ? [] : ['depends_on'])])
      delete services[image.service][key];
  }
  return stringify({ services });
}

/** Polls each container's healthcheck (podman runs none by itself without systemd); answers ms until healthy. */
async function waitHealthy(names, startedAt) {
  const healthyAfter = new Map();
  while (healthyAfter.size < names.length) {
    if (Date.now() - startedAt > healthyWithin) {
      const late = names.filter((name) => !healthyAfter.has(name));
      for (const name of late) {
        console.error(`---- ${name} (not healthy): its last checks and log lines`);
        try {
          const health = JSON.parse(podman('inspect', '--format', '{{json .State.Healthcheck}}', name));
          for (const check of health?.Log ?? [])
            console.error(`check: exit ${check.ExitCode} ${check.Output}`);
          console.error(execFileSync('podman', ['logs', '--tail', '40', name], { encoding: 'utf8' }));
        } catch (error) {
          console.error(error.message);
        }
      }
      throw new Error(`not healthy within ${seconds(healthyWithin)}: ${late.join(', ')}`);
    }
    for (const name of names.filter((n) => !healthyAfter.has(n))) {
      // Asynchronously: the MongoDB dev server answers the user service from this very process.
      if (
        await execFileAsync('podman', ['healthcheck', 'run', name]).then(
          () => true,
          () => false,
        )
      )
        healthyAfter.set(name, Date.now() - startedAt);
    }
    await sleep(1000);
  }
  return healthyAfter;
}

function removeProjectContainers() {
  const ids = podman('ps', '--all', '--quiet', '--filter', `label=io.podman.compose.project=${project}`);
  if (ids) podman('rm', '--force', '--time', '5', ...ids.split('\n'));
}

const container = (service) => `${project}_${service}_1`;

const startedAll = Date.now();
const figures = { builds: [], healthy: new Map() };

// 1. base image, 2. images
let started = Date.now();
await run('bash', [join(root, 'scripts/containers/base-images.sh')]);
figures.base = Date.now() - started;
for (const image of images) {
  started = Date.now();
  log(`building ${image.target}`);
  await run('podman', [
    'build',
    '--pull=never',
    '--network=host',
    // HEALTHCHECK and STOPSIGNAL exist in Docker's image format only (podman builds OCI images by default).
    '--format=docker',
    '--target',
    image.target,
    '--tag',
    `storefront/storefront-${image.target}:${tag}`,
    '--file',
    'Dockerfile',
    // The registry's CA when it is reached through a TLS-inspecting proxy (see the Dockerfile).
    ...(process.env.NODE_EXTRA_CA_CERTS ? ['--secret', `id=ca,src=${process.env.NODE_EXTRA_CA_CERTS}`] : []),
    '--quiet',
    '.',
  ]);
  const size = Number(
    podman('image', 'inspect', '--format', '{{.Size}}', `storefront/storefront-${image.target}:${tag}`),
  );
  figures.builds.push({ image: image.target, ms: Date.now() - started, size });
}

// 3. datastores and compose
const work = mkdtempSync(join(tmpdir(), 'storefront-containers-'));
const composeFile = join(work, 'compose.yaml');
const [postgres, mysql, rabbit, redis, auth] = await Promise.all([
  createPostgresDatabase(),
  createMysqlDatabase(),
  createRabbitVhost(),
  createRedisPrefix(),
  createTestAuth(),
]);
const mongo = process.env.MONGO_URL ? undefined : await startMongoDevServer({ port: 27_017 + shift });
const mongoDatabase = `sf_containers_${randomBytes(6).toString('hex')}`;
const mongoUrl = process.env.MONGO_URL
  ? `${process.env.MONGO_URL.replace(/\/[^/]*$/, '')}/${mongoDatabase}`
  : `${mongo.url}/${mongoDatabase}`;
const compose = (...args) =>
  run(
    'podman-compose',
    [
      '--podman-path',
      join(root, 'scripts/containers/podman-host-network.sh'),
      '--project-name',
      project,
      '--file',
      composeFile,
      ...args,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
    // Without systemd podman runs no healthcheck timers (this script runs the checks): not an error here.
    (line) => !/unable to get systemd connection/.test(line),
  );

let failed = false;
try {
  const secrets = new Map();
  const secret = (name) => {
    if (!secrets.has(name)) secrets.set(name, randomBytes(24).toString('base64url'));
    return secrets.get(name);
  };
  writeFileSync(
    composeFile,
    composeForThisMachine({ postgres, mysql, rabbit, redis, auth, mongoUrl, secret }),
  );
  // Containers an interrupted run on this shift left behind would hold the names (and ports) of this one.
  removeProjectContainers();
  started = Date.now();
  await compose('up', '--detach', '--no-build');
  log(`compose up: ${seconds(Date.now() - started)}`);
  figures.healthy = await waitHealthy(
    images.map((image) => container(image.service)),
    started,
  );
  log('every container is healthy');
  const storefrontUrl = `http://127.0.0.1:${8080 + shift}`;
  const whole = await waitWholePage(storefrontUrl, started);
  log(`first whole home page: ${seconds(whole.ms)} after up, at ask ${whole.asks} once all were healthy`);

  // 4. the journeys through the containerized gateway
  await runJourneys({
    storefrontUrl,
    partUrls: Object.fromEntries(
      images.map((image) => [image.part, `http://127.0.0.1:${portOf(image.part) + shift}`]),
    ),
    stop: (service) => ['podman', 'stop', container(service)],
  });
} catch (error) {
  failed = true;
  console.error(`[test:containers] ${error.message}`);
} finally {
  await compose('down', '--timeout', '10').catch((error) => console.error(error.message));
  try {
    // A container its restart policy brought back between down's stop and rm would outlive the run.
    removeProjectContainers();
  } catch (error) {
    console.error(error.message);
  }
  try {
    podman('network', 'rm', '--force', `${project}_default`);
  } catch {
    // podman-compose may not have made it
  }
  await Promise.allSettled([postgres.drop(), mysql.drop(), rabbit.drop(), redis.drop(), mongo?.stop()]);
  rmSync(work, { recursive: true, force: true });
}

console.log('\nimage                build      size   healthy after');
for (const build of figures.builds) {
  const image = images.find((candidate) => candidate.target === build.image);
  const healthy = figures.healthy.get(container(image.service));
  console.log(
    `${`storefront-${build.image}`.padEnd(26)}${seconds(build.ms).padStart(8)} ${megabytes(build.size).padStart(7)}   ${
      healthy === undefined ? '-' : seconds(healthy)
    }`,
  );
}
console.log(
  `base image ${seconds(figures.base)}, images ${seconds(figures.builds.reduce((sum, b) => sum + b.ms, 0))}, ` +
    `total ${seconds(Date.now() - startedAll)}`,
);
process.exit(failed ? 1 : 0);
