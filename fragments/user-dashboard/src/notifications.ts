import type { NotificationView } from '@storefront/contracts';
import type { NotificationSummary } from './render-contract.js';

/** How many entries `/account/notifications` lists, and how many the account overview shows. */
export const NOTIFICATION_LOG_LIMIT = 50;
export const RECENT_NOTIFICATIONS_LIMIT = 5;

/** The newest entries first, without their bodies or recipients. */
export function notificationSummaries(
  items: readonly Pick<NotificationView, 'id' | 'channel' | 'subject' | 'createdAt' | 'status'>[],
  limit = NOTIFICATION_LOG_LIMIT,
): NotificationSummary[] {
  return [...items]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, limit)
    .map(({ id, channel, subject, createdAt, status }) => ({ id, channel, subject, createdAt, status }));
}
