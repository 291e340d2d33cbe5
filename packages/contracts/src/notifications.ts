import { z } from 'zod';

export const deliveryStatusSchema = z.enum(['sent', 'suppressed', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** One entry of a customer's delivery log: the rendered message and what became of it. */
export const notificationView = z.object({
  id: z.string(),
  eventId: z.string(),
  userId: z.string(),
  channel: z.enum(['email', 'sms']),
  template: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  status: deliveryStatusSchema,
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationList = z.object({ items: z.array(notificationView) });
export type NotificationList = z.infer<typeof notificationList>;
