import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { StorefrontEvent } from '@storefront/contracts';
import type { Broker } from '@storefront/messaging';
import type { Logger } from '@storefront/service-kit';
import type { DeliveryChannels } from '../../data-access/channels.js';
import type { NotificationsStore } from '../../data-access/notifications-store.js';
import {
  DeliveryFailedError,
  DeliveryInProgressError,
  type DeliveryPolicy,
} from '../../domain/deliver-message.js';
import { CONSUMED_EVENTS, RecipientUnknownError, notifyCustomer } from '../../domain/notify-customer.js';
import type { ServiceMetrics } from '../metrics.js';
import { BROKER, CONSUMER_SETTINGS, DELIVERY, LOGGER, METRICS, NOTIFICATIONS } from '../tokens.js';

export const NOTIFICATION_QUEUE = 'notification-service';
export const NOTIFICATION_BINDINGS: string[] = [...CONSUMED_EVENTS];

export interface ConsumerSettings {
  prefetch?: number;
  /** Back-off before each retry of a failing event; the broker's defaults when absent. */
  retryDelaysMs?: number[];
}

export interface DeliverySettings {
  channels: DeliveryChannels;
  policy: DeliveryPolicy;
  /** The shop's public address, for the links in emails. */
  shopUrl: string;
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
    @Inject(DELIVERY) private readonly delivery: DeliverySettings,
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

  /** Resolves once every message of the event is sent (or suppressed) and logged; throws to have it retried. */
  async handle(event: StorefrontEvent): Promise<void> {
    const log = this.logger.child({ eventId: event.id, eventType: event.type });
    const end = this.metrics.eventDuration.startTimer({ type: event.type });
    try {
      const result = await notifyCustomer(
        {
          notifications: this.notifications,
          channels: this.delivery.channels,
          policy: this.delivery.policy,
          shopUrl: this.delivery.shopUrl,
        },
        event,
      );
      this.metrics.events.inc({ type: event.type, outcome: result.outcome });
      for (const message of result.messages) this.metrics.messages.inc(message);
      if (result.unreachable.length > 0) {
        log.warn({ channels: result.unreachable }, 'the customer wants a channel they cannot be reached on');
      }
      log.info(
        { outcome: result.outcome, messages: result.messages },
        result.outcome === 'duplicate' ? 'event already handled' : 'event handled',
      );
    } catch (error) {
      this.metrics.events.inc({ type: event.type, outcome: 'failed' });
      if (error instanceof DeliveryFailedError) {
        this.metrics.messages.inc({ channel: error.channel, outcome: 'failed' });
        log.warn({ err: error.cause, deliveryId: error.deliveryId }, error.message);
      } else if (error instanceof RecipientUnknownError) log.warn({ userId: error.userId }, error.message);
      else if (error instanceof DeliveryInProgressError)
        log.info({ deliveryId: error.deliveryId }, error.message);
      else log.error({ err: error }, 'event failed');
      throw error;
    } finally {
      end();
    }
  }
}
