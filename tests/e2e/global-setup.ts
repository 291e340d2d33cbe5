import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMongo } from '@storefront/mongo-devserver';
import {
  createMysqlDatabase,
  createPostgresDatabase,
  createRabbitVhost,
  createRedisPrefix,
  createTestAuth,
} from '@storefront/testkit';
// @ts-expect-error -- a plain ESM script shared with `npm start`
import { startStack } from '../../scripts/stack.mjs';

/** The editor account the stack seeds, for the editor's journeys. */
export const editor = { email: 'editor@e2e.test', password: 'editor-e2e-password' };

/** The whole storefront on its own ports and its own throw-away datastores, removed after the run. */
export default async function globalSetup() {
  const [postgres, mysql, rabbit, redis, mongo, auth] = await Promise.all([
    createPostgresDatabase(),
    createMysqlDatabase(),
    createRabbitVhost(),
    createRedisPrefix(),
    startMongo(),
    createTestAuth(),
  ]);
  const stack = await startStack({
    portOffset: 10_000,
    runDir: new URL('../results/run', import.meta.url).pathname,
    mongoUrl: mongo.url,
    quiet: !process.env.STACK_LOGS,
    env: {
      PRODUCT_DATABASE_URL: postgres.url,
      ORDER_DATABASE_URL: mysql.url,
      AMQP_URL: rabbit.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.prefix,
      AUTH_PUBLIC_KEY: auth.publicKey,
      AUTH_PRIVATE_KEY: auth.privateKey,
      PREVIEW_SECRET: randomBytes(32).toString('base64url'),
      COOKIE_SECURE: 'false',
      SEED_EDITOR_EMAIL: editor.email,
      SEED_EDITOR_PASSWORD: editor.password,
      LOG_LEVEL: 'warn',
    },
  });

  // Tests run in worker processes; this small control endpoint lets them stop a part of the stack.
  const control = createServer((req, res) => {
    const match = /^\/stop\/([\w-]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    try {
      stack.stopPart(match[1]);
      res.writeHead(204).end();
    } catch (error) {
      res.writeHead(400).end(String(error));
    }
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  process.env.STOREFRONT_URL = stack.url;
  process.env.STACK_CONTROL_URL = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

  return async () => {
    control.close();
    await stack.stop();
    await Promise.allSettled([postgres.drop(), mysql.drop(), rabbit.drop(), redis.drop(), mongo.stop()]);
  };
}
