// A throw-away copy of the whole storefront for the benchmarks: its own ports (offset 20000 unless BENCH_PORT_OFFSET
// says otherwise) and its own databases, vhost, Redis prefix and MongoDB dev server, all removed by stop().
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMongo } from '@storefront/mongo-devserver';
import { createStackStores } from '@storefront/testkit';
import { startStack } from '../../../scripts/stack.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const editor = { email: 'editor@bench.test', password: 'editor-bench-password' };

export async function startBenchStack({
  portOffset = Number(process.env.BENCH_PORT_OFFSET ?? 20_000),
  runDir,
}) {
  const [stores, mongo] = await Promise.all([createStackStores(), startMongo()]);
  // nginx's caches under the run folder hold answers of an earlier run's databases (ids that no longer exist).
  rmSync(join(runDir ?? join(repoRoot, '.run'), 'nginx', 'cache'), { recursive: true, force: true });
  const dropStores = () => Promise.allSettled([stores.drop(), mongo.stop()]);
  let stack;
  try {
    stack = await startStack({
      portOffset,
      runDir,
      mongoUrl: mongo.url,
      quiet: !process.env.STACK_LOGS,
      env: {
        ...stores.env,
        SEED_EDITOR_EMAIL: editor.email,
        SEED_EDITOR_PASSWORD: editor.password,
        // Sign-ins of many benchmark users come from one address.
        AUTH_RATE_LIMIT: '6000r/m',
        AUTH_RATE_BURST: '1000',
        GATEWAY_ACCESS_LOG: 'off',
        LOG_LEVEL: 'warn',
      },
    });
  } catch (error) {
    await dropStores();
    throw error;
  }
  return {
    ...stack,
    runDir: runDir ?? join(repoRoot, '.run'),
    async stop() {
      await stack.stop();
      await dropStores();
    },
  };
}

// `node tests/bench/lib/stack.mjs` keeps one up until Ctrl-C (handy to poke at it).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stack = await startBenchStack({ runDir: join(repoRoot, 'tests/results/bench-run') });
  console.log(`bench stack up: ${stack.url}`, JSON.stringify(stack.partUrls));
  const shutdown = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
