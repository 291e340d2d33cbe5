import { createSessionVerifier } from '@storefront/auth';
import { createBroker } from '@storefront/messaging';
import { createLogger, createSessionRegistry, main, openRedis, runServer } from '@storefront/service-kit';
import { SERVICE_NAME, createNotificationApp } from '../app.js';
import type { DeliveryChannels } from '../data-access/channels.js';
import { createHttpSmsProvider } from '../data-access/http-sms-provider.js';
import { createLocalSink } from '../data-access/local-sink.js';
import { createNotificationsStore } from '../data-access/notifications-store.js';
import { createSmtpEmailSender } from '../data-access/smtp-email-sender.js';
import { loadNotificationServiceConfig } from './config.js';

async function start() {
  const config = loadNotificationServiceConfig();
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
  const redis = await openRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const sessionsRedis = await openRedis(config.REDIS_URL, config.SESSION_REGISTRY_PREFIX);
  const broker = await createBroker({ url: config.AMQP_URL, logger });

  // Without a mail server or an SMS provider configured, messages go to the local sink (log + Redis).
  const sink = createLocalSink(redis, logger);
  const channels: DeliveryChannels = {
    email: config.SMTP_URL
      ? createSmtpEmailSender({ url: config.SMTP_URL, from: config.MAIL_FROM })
      : sink.email,
    sms: config.SMS_PROVIDER_URL
      ? createHttpSmsProvider({ url: config.SMS_PROVIDER_URL, token: config.SMS_PROVIDER_TOKEN ?? '' })
      : sink.sms,
  };
  logger.info({ email: channels.email.kind, sms: channels.sms.kind }, 'delivery channels');

  const app = await createNotificationApp({
    logger,
    verifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
    sessionRegistry: createSessionRegistry(sessionsRedis),
    trustProxy: config.TRUST_PROXY,
    notifications: createNotificationsStore(redis),
    broker,
    deadLetters: broker,
    channels,
    shopUrl: config.GATEWAY_URL,
    policy: { ratePerWindow: config.NOTIFICATION_RATE_LIMIT_PER_MINUTE, rateWindowMs: 60_000 },
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
      await channels.email.close?.();
      await broker.close();
      await sessionsRedis.quit();
      await redis.quit();
    },
  });
}

main(SERVICE_NAME, start);
