import { Controller, Get, Header, Inject, UseGuards } from '@nestjs/common';
import type { SessionUser } from '@storefront/auth';
import type { NotificationList } from '@storefront/contracts';
import type { NotificationsStore } from '../../data-access/notifications-store.js';
import { listNotifications } from '../../domain/list-notifications.js';
import { NOTIFICATIONS } from '../tokens.js';
import { CurrentUser, SignedInGuard } from './session.js';

@Controller('notifications')
@UseGuards(SignedInGuard)
export class NotificationsController {
  constructor(@Inject(NOTIFICATIONS) private readonly notifications: NotificationsStore) {}

  /** The signed-in customer's notifications, newest first. One customer's business: no shared cache keeps it. */
  @Get()
  @Header('Cache-Control', 'private, no-store')
  list(@CurrentUser() user: SessionUser): Promise<NotificationList> {
    return listNotifications(this.notifications, user.id);
  }
}
