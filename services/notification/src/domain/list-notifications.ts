import type { NotificationList } from '@storefront/contracts';
import type { NotificationsStore } from '../data-access/notifications-store.js';

/** The signed-in customer's own delivery log, newest first, each entry with its status. */
export async function listNotifications(
  notifications: NotificationsStore,
  userId: string,
): Promise<NotificationList> {
  return { items: await notifications.listForUser(userId) };
}
