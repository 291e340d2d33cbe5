import { createSessionVerifier } from '@storefront/auth';
import { createBroker } from '@storefront/messaging';
import { createLogger, main, runServer } from '@storefront/service-kit';
import { SERVICE_NAME, createNotificationApp } from '../app.js';
import { openRedis } from '../data-access/connection.js';
import { createNotificationsStore } from '../data-access/notifications-store.js';
import { loadNotificationServiceConfig } from './config.js';

async function start() {
  const config = loadNotificationServiceConfig();
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
  const redis = await openRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const broker = await createBroker({ url: config.AMQP_URL, logger });

  const app = await createNotificationApp({
    logger,
    verifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
    notifications: createNotificationsStore(redis),
    broker,
    readiness: {
      redis: () => redis.ping(),
      broker: () => broker.check(),
    },
  });

  await runServer({
    name: SERVICE_NAME,
    app: app.handler,
    port: config.PORT,
    host: config.HOST,
    logger,
    // HTTP has drained by now; stop the consumer (it finishes the events in hand), then close the connections.
    onShutdown: async () => {
      await app.close();
      await broker.close();
      await redis.quit();
    },
  });
}

main(SERVICE_NAME, start);
