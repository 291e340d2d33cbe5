import { Controller, Get, Header, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import type { SessionUser } from '@storefront/auth';
import { problems, type Logger } from '@storefront/service-kit';
import type { DeadLetters } from '../../domain/replay-dead-letters.js';
import type { NotificationList } from '@storefront/contracts';
import type { NotificationsStore } from '../../data-access/notifications-store.js';
import { listNotifications } from '../../domain/list-notifications.js';
import { replayDeadLetters } from '../../domain/replay-dead-letters.js';
import { NOTIFICATION_QUEUE } from '../messaging/notification-events.consumer.js';
import type { ServiceMetrics } from '../metrics.js';
import { DEAD_LETTERS, LOGGER, METRICS, NOTIFICATIONS } from '../tokens.js';
import { AdminGuard } from './admin.js';
import { CurrentUser, SignedInGuard } from './session.js';

@Controller('notifications')
@UseGuards(SignedInGuard)
export class NotificationsController {
  constructor(
    @Inject(NOTIFICATIONS) private readonly notifications: NotificationsStore,
    @Inject(DEAD_LETTERS) private readonly deadLetters: DeadLetters,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  /**
   * The signed-in customer's delivery log, newest first, each with its status (sent, suppressed, failed).
   * One customer's business: no shared cache keeps it.
   */
  @Get()
  @Header('Cache-Control', 'private, no-store')
  list(@CurrentUser() user: SessionUser): Promise<NotificationList> {
    return listNotifications(this.notifications, user.id);
  }

  /** Admins only: moves every parked event back to the queue and says how many. */
  @Post('dead-letters/replay')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async replay(@CurrentUser() admin: SessionUser): Promise<{ replayed: number }> {
    let result: { replayed: number };
    try {
      result = await replayDeadLetters(this.deadLetters, NOTIFICATION_QUEUE);
    } catch (error) {
      this.logger.warn({ err: error }, 'dead-letter replay failed');
      throw problems.serviceUnavailable('The message broker is not reachable. Please try again.');
    }
    this.metrics.deadLettersReplayed.inc(result.replayed);
    this.logger.info({ adminId: admin.id, replayed: result.replayed }, 'dead letters replayed');
    return result;
  }
}
