import { randomBytes } from 'node:crypto';
import { createTestAuth } from './auth.js';
import { createMysqlDatabase } from './mysql.js';
import { createPostgresDatabase } from './postgres.js';
import { createRabbitVhost } from './rabbitmq.js';
import { createRedisPrefix } from './redis.js';

const secret = () => randomBytes(32).toString('base64url');

/**
 * Throw-away datastores and keys for a whole storefront stack (the browser suites, the bench, dev mode's test): a
 * PostgreSQL and a MariaDB database, a RabbitMQ vhost, a Redis key prefix and fresh secrets, with the environment
 * every part reads them from. MongoDB is the caller's (a real one, or the dev server as a part of the stack).
 */
export async function createStackStores() {
  const [postgres, mysql, rabbit, redis, auth] = await Promise.all([
    createPostgresDatabase(),
    createMysqlDatabase(),
    createRabbitVhost(),
    createRedisPrefix(),
    createTestAuth(),
  ]);
  return {
    redis,
    env: {
      PRODUCT_DATABASE_URL: postgres.url,
      ORDER_DATABASE_URL: mysql.url,
      AMQP_URL: rabbit.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.prefix,
      SESSION_REGISTRY_PREFIX: `${redis.prefix}sessions:`,
      SERVICE_TOKEN_SECRET: secret(),
      AUTH_PUBLIC_KEY: auth.publicKey,
      AUTH_PRIVATE_KEY: auth.privateKey,
      PREVIEW_SECRET: secret(),
      // Test stacks answer over plain HTTP on loopback.
      COOKIE_SECURE: 'false',
    },
    /** Removes them all; one that fails to go does not keep the others. */
    drop: () => Promise.allSettled([postgres.drop(), mysql.drop(), rabbit.drop(), redis.drop()]),
  };
}
