import type { NotificationList } from '@storefront/contracts';
import type { NotificationsStore } from '../data-access/notifications-store.js';

/** The signed-in customer's own notifications, newest first. */
export async function listNotifications(
  notifications: NotificationsStore,
  userId: string,
): Promise<NotificationList> {
  return { items: await notifications.listForUser(userId) };
}
