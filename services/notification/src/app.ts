import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { SessionVerifier } from '@storefront/auth';
import type { Broker } from '@storefront/messaging';
import {
  canonicalPaths,
  configureExpress,
  readSession,
  requestContext,
  requireCsrf,
  type Logger,
  type SessionRegistry,
} from '@storefront/service-kit';
import type { DeliveryChannels } from './data-access/channels.js';
import type { DeadLetters } from './domain/replay-dead-letters.js';
import type { NotificationsStore } from './data-access/notifications-store.js';
import { defaultDeliveryPolicy, type DeliveryPolicy } from './domain/deliver-message.js';
import { HealthController, type ReadinessChecks } from './entry-points/http/health.controller.js';
import { cookies } from './entry-points/http/middleware.js';
import { NotificationsController } from './entry-points/http/notifications.controller.js';
import { serveOpenApi } from './entry-points/http/openapi.js';
import { ProblemFilter } from './entry-points/http/problem.filter.js';
import { SignedInGuard } from './entry-points/http/session.js';
import { AdminGuard } from './entry-points/http/admin.js';
import {
  NotificationEventsConsumer,
  type ConsumerSettings,
  type DeliverySettings,
} from './entry-points/messaging/notification-events.consumer.js';
import { createMetrics, type ServiceMetrics } from './entry-points/metrics.js';
import { PinoNestLogger } from './entry-points/nest-logger.js';
import {
  BROKER,
  CONSUMER_SETTINGS,
  DEAD_LETTERS,
  DELIVERY,
  LOGGER,
  METRICS,
  NOTIFICATIONS,
  READINESS,
} from './entry-points/tokens.js';

export const SERVICE_NAME = 'notification-service';

export interface NotificationAppDependencies {
  logger: Logger;
  verifier: SessionVerifier;
  /** Revoked sessions and current roles, as the user service writes them. */
  sessionRegistry: SessionRegistry;
  /** Express's `trust proxy` (TRUST_PROXY). */
  trustProxy?: string[];
  notifications: NotificationsStore;
  broker: Pick<Broker, 'consume'>;
  /** Replays the consumer's dead-letter queue for POST /notifications/dead-letters/replay. */
  deadLetters: DeadLetters;
  /** Where emails and text messages go: SMTP / an HTTP provider, or the local sink. */
  channels: DeliveryChannels;
  /** The shop's public address (GATEWAY_URL), for the links in emails. */
  shopUrl: string;
  /** Rate limit and lock timings; the defaults (10 messages per customer per minute) when absent. */
  policy?: Partial<DeliveryPolicy>;
  /** Each check resolves when its dependency answers; /readyz fails while any one does not. */
  readiness: ReadinessChecks;
  consumer?: ConsumerSettings;
}

export interface NotificationApp {
  /** The Express app with Nest's routes on it: hand it to an http server. */
  handler: Express;
  nest: NestExpressApplication;
  metrics: ServiceMetrics;
  /** Stops the event consumer (waiting for the events in hand); the caller then closes Redis and the broker. */
  close(): Promise<void>;
}

@Module({})
class NotificationModule {
  static register(deps: NotificationAppDependencies & { metrics: ServiceMetrics }): DynamicModule {
    return {
      module: NotificationModule,
      controllers: [HealthController, NotificationsController],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: NOTIFICATIONS, useValue: deps.notifications },
        { provide: BROKER, useValue: deps.broker },
        { provide: DEAD_LETTERS, useValue: deps.deadLetters },
        { provide: READINESS, useValue: deps.readiness },
        { provide: METRICS, useValue: deps.metrics },
        { provide: CONSUMER_SETTINGS, useValue: deps.consumer ?? {} },
        {
          provide: DELIVERY,
          useValue: {
            channels: deps.channels,
            policy: { ...defaultDeliveryPolicy, ...deps.policy },
            shopUrl: deps.shopUrl,
          } satisfies DeliverySettings,
        },
        SignedInGuard,
        AdminGuard,
        NotificationEventsConsumer,
      ],
    };
  }
}

/**
 * Builds the service: Express carries the cross-cutting middleware every storefront service has (request id,
 * JSON request logs, metrics, session, CSRF), Nest the routes, the problem+json errors and the event consumer,
 * which starts here. Nothing listens: server.ts (or a test) serves `handler`.
 */
export async function createNotificationApp(deps: NotificationAppDependencies): Promise<NotificationApp> {
  const metrics = createMetrics(SERVICE_NAME);
  const server = express();
  // Nest registers its routes on this app's router: the routing options must be set before anything uses it.
  configureExpress(server, deps.trustProxy);
  server.use(requestContext);
  server.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => req.id,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
    }),
  );
  server.use(metrics.observe);
  server.use(canonicalPaths);
  serveOpenApi(server);
  server.use(cookies);
  server.use(readSession(deps.verifier, deps.sessionRegistry));
  server.use(requireCsrf);

  const nest = await NestFactory.create<NestExpressApplication>(
    NotificationModule.register({ ...deps, metrics }),
    new ExpressAdapter(server),
    { bodyParser: false, abortOnError: false, logger: new PinoNestLogger(deps.logger) },
  );
  nest.useGlobalFilters(new ProblemFilter(deps.logger));
  await nest.init();
  return { handler: server, nest, metrics, close: () => nest.close() };
}
