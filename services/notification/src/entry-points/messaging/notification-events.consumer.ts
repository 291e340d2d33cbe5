import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { StorefrontEvent } from '@storefront/contracts';
import type { Broker } from '@storefront/messaging';
import type { Logger } from '@storefront/service-kit';
import type { NotificationsStore } from '../../data-access/notifications-store.js';
import { RecipientUnknownError, recordNotification } from '../../domain/record-notification.js';
import type { ServiceMetrics } from '../metrics.js';
import { BROKER, CONSUMER_SETTINGS, LOGGER, METRICS, NOTIFICATIONS } from '../tokens.js';

export const NOTIFICATION_QUEUE = 'notification-service';
export const NOTIFICATION_BINDINGS = ['user.registered', 'order.placed'];

export interface ConsumerSettings {
  prefetch?: number;
  /** Back-off before each retry of a failing event; the broker's defaults when absent. */
  retryDelaysMs?: number[];
}

/**
 * Consumes the events that notify a customer from the durable queue `notification-service`. Starts when the app
 * has booted; on shutdown stops taking messages and waits for the ones in hand before Redis is closed.
 */
@Injectable()
export class NotificationEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: { stop(): Promise<void> } | undefined;

  constructor(
    @Inject(BROKER) private readonly broker: Pick<Broker, 'consume'>,
    @Inject(NOTIFICATIONS) private readonly notifications: NotificationsStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    @Inject(CONSUMER_SETTINGS) private readonly settings: ConsumerSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = await this.broker.consume({
      queue: NOTIFICATION_QUEUE,
      bindings: NOTIFICATION_BINDINGS,
      prefetch: this.settings.prefetch ?? 10,
      ...(this.settings.retryDelaysMs ? { retryDelaysMs: this.settings.retryDelaysMs } : {}),
      handle: (event) => this.handle(event),
    });
    this.logger.info({ queue: NOTIFICATION_QUEUE, bindings: NOTIFICATION_BINDINGS }, 'consuming events');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop();
  }

  /** Resolves once the notification is in Redis (the broker acks then); throws to have the event retried. */
  async handle(event: StorefrontEvent): Promise<void> {
    const log = this.logger.child({ eventId: event.id, eventType: event.type });
    const end = this.metrics.eventDuration.startTimer({ type: event.type });
    try {
      const outcome = await recordNotification({ notifications: this.notifications }, event);
      this.metrics.events.inc({ type: event.type, outcome });
      log.info({ outcome }, outcome === 'duplicate' ? 'event already handled' : 'event handled');
    } catch (error) {
      this.metrics.events.inc({ type: event.type, outcome: 'failed' });
      if (error instanceof RecipientUnknownError) log.warn({ userId: error.userId }, error.message);
      else log.error({ err: error }, 'event failed');
      throw error;
    } finally {
      end();
    }
  }
}
