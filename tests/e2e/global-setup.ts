import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMongo } from '@storefront/mongo-devserver';
import { createStackStores } from '@storefront/testkit';
// @ts-expect-error -- a plain ESM script shared with `npm start`
import { startStack } from '../../scripts/stack.mjs';

/** The editor account the stack seeds, for the editor's journeys. */
export const editor = { email: 'editor@e2e.test', password: 'editor-e2e-password' };

/** The whole storefront on its own ports and its own throw-away datastores, removed after the run. */
export default async function globalSetup() {
  // A real MongoDB when MONGO_URL names one (a database of this run's own); else the stack runs the project's dev
  // server as one of its parts, on a fresh file, so the fault suite can restart it like any other datastore.
  const realMongo = Boolean(process.env.MONGO_URL);
  const [stores, mongo] = await Promise.all([createStackStores(), realMongo ? startMongo() : undefined]);
  const { redis } = stores;
  const portOffset = Number(process.env.STACK_PORT_OFFSET ?? 10_000);
  // One folder per port offset: two stacks on one machine never share nginx's prefix or the dev server's file.
  const runDir = new URL(`../results/run-${portOffset}`, import.meta.url).pathname;
  // nginx's caches and the dev server's file from an earlier run hold data of databases that are gone.
  rmSync(`${runDir}/nginx/cache`, { recursive: true, force: true });
  rmSync(`${runDir}/mongo.json`, { force: true });
  process.env.STACK_MONGO_PART = realMongo ? '' : 'mongo';
  const stack = await startStack({
    portOffset,
    runDir,
    mongoUrl: mongo?.url,
    quiet: !process.env.STACK_LOGS,
    env: {
      MONGO_DATABASE: `sf_e2e_${randomBytes(6).toString('hex')}`,
      ...stores.env,
      SEED_EDITOR_EMAIL: editor.email,
      SEED_EDITOR_PASSWORD: editor.password,
      LOG_LEVEL: 'warn',
      // nginx cannot open /dev/stdout when it is a socket (as concurrently's pipes are); the suites need no access log.
      GATEWAY_ACCESS_LOG: 'off',
    },
  });

  // Tests run in worker processes; this small control endpoint lets them stop a part of the stack
  // (POST /stop/<name>) and start it again (POST /start/<name>, answered once the part is ready).
  const control = createServer((req, res) => {
    // `?wait=1` on stop: answered once the process has exited (it finishes its in-flight work first).
    const match = /^\/(stop|start)\/([\w-]+)(\?wait=1)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const [, action, name, wait] = match;
    const done = (async () => {
      if (action === 'start') return stack.startPart(name);
      stack.stopPart(name);
      for (let waited = 0; wait && stack.partPid(name) !== null && waited < 30_000; waited += 100)
        await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    })();
    done.then(
      () => res.writeHead(204).end(),
      (error: unknown) => res.writeHead(400).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  process.env.STOREFRONT_URL = stack.url;
  // Each part's own address (services and podlets straight, not through the gateway), as JSON {name: url}.
  process.env.STACK_PART_URLS = JSON.stringify(stack.partUrls);
  // The notification service's local sink (no SMTP server here): the journeys read the emails it captured.
  process.env.STACK_REDIS_URL = redis.url;
  process.env.STACK_REDIS_PREFIX = redis.prefix;
  process.env.STACK_CONTROL_URL = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

  return async () => {
    control.close();
    await stack.stop();
    await Promise.allSettled([stores.drop(), mongo?.stop()]);
    rmSync(`${runDir}/mongo.json`, { force: true });
  };
}
