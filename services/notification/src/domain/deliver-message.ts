import type { DeliveryChannels } from '../data-access/channels.js';
import {
  deliveryId,
  type Channel,
  type Delivery,
  type NotificationsStore,
} from '../data-access/notifications-store.js';
import type { Template } from './render-email.js';

/** One rendered message for one customer on one channel, on behalf of one event. */
export interface OutgoingMessage {
  eventId: string;
  userId: string;
  channel: Channel;
  template: Template;
  to: string;
  subject: string;
  body: string;
  /** What the customer's delivery log keeps instead of the body (a message carrying a secret); the body if absent. */
  loggedBody?: string;
}

export interface DeliveryPolicy {
  /** At most this many messages (both channels together) per customer in any window of `rateWindowMs`. */
  ratePerWindow: number;
  rateWindowMs: number;
  /** How long a delivery's lock lives: longer than the slowest send (the senders time out well before). */
  lockTtlMs: number;
  /** How long a second copy of an event waits for the copy holding the lock before giving up (to be retried). */
  busyWaitMs: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  ratePerWindow: 10,
  rateWindowMs: 60_000,
  lockTtlMs: 30_000,
  busyWaitMs: 2_000,
};

export interface DeliverMessageDependencies {
  notifications: NotificationsStore;
  channels: DeliveryChannels;
  policy: DeliveryPolicy;
  now?: () => Date;
}

export type DeliveryOutcome = 'sent' | 'suppressed' | 'duplicate';

/**
 * Another copy of the same event is sending this message right now. Thrown so the broker retries this copy
 * later, when it will find the delivery done (or the lock gone, if the other copy failed).
 */
export class DeliveryInProgressError extends Error {
  override name = 'DeliveryInProgressError';
  constructor(readonly deliveryId: string) {
    super(`delivery ${deliveryId} is in progress elsewhere`);
  }
}

/** The mail server or SMS provider did not take the message; the cause says why. Thrown to have it retried. */
export class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError';
  constructor(
    readonly deliveryId: string,
    readonly channel: OutgoingMessage['channel'],
    cause: unknown,
  ) {
    super(
      `${channel} delivery ${deliveryId} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one message at most once per (event, channel), within the customer's rate limit, and logs what happened.
 *
 * Why mark-after-send with a per-delivery lock (and not record-then-send): an SMTP server or an SMS gateway
 * cannot be asked "did you already get this?", so there is no way to make the send itself idempotent on our side.
 * Recording first and sending afterwards would turn every crash or SMTP error between the two into a message that
 * is marked done but never sent: a lost notification. Sending first and marking afterwards, under a lock, gives:
 * - concurrent copies of one event (redelivery, replay, two instances): only the lock holder sends; the others
 *   wait briefly and then see the done-marker (duplicate), or throw and are retried later;
 * - a failing send: nothing is marked, the lock and the rate-limit slot are given back, the error goes up, and the
 *   broker retries with back-off, so the message is sent once the server is back;
 * - the only window left is a crash (or Redis vanishing) after the server accepted the message and before the
 *   marker is written: then the message may go out twice, never zero times. That copy carries the same
 *   Message-ID / Idempotency-Key (the delivery id) as the first, so the receiving side can drop it.
 * The lock expires by itself (lockTtlMs) if its holder dies, and the senders time out well before it does.
 */
export async function deliverMessage(
  deps: DeliverMessageDependencies,
  message: OutgoingMessage,
): Promise<DeliveryOutcome> {
  const { notifications, policy } = deps;
  const id = deliveryId(message.eventId, message.channel);
  const now = () => deps.now?.() ?? new Date();

  const deadline = Date.now() + policy.busyWaitMs;
  let lock = null;
  for (;;) {
    if (await notifications.isDelivered(message.eventId, message.channel)) return 'duplicate';
    lock = await notifications.lockDelivery(message.eventId, message.channel, policy.lockTtlMs);
    if (lock) break;
    if (Date.now() >= deadline) throw new DeliveryInProgressError(id);
    await sleep(50);
  }

  try {
    // The copy that held the lock before us may have finished between our check and our lock.
    if (await notifications.isDelivered(message.eventId, message.channel)) return 'duplicate';

    const entry = (status: Delivery['status']): Delivery => ({
      id,
      eventId: message.eventId,
      userId: message.userId,
      channel: message.channel,
      template: message.template,
      to: message.to,
      subject: message.subject,
      body: message.loggedBody ?? message.body,
      createdAt: now().toISOString(),
      status,
    });

    const allowed = await notifications.takeRateSlot(
      message.userId,
      id,
      policy.ratePerWindow,
      policy.rateWindowMs,
      now().getTime(),
    );
    if (!allowed) {
      const outcome = await notifications.completeDelivery(entry('suppressed'));
      return outcome === 'duplicate' ? 'duplicate' : 'suppressed';
    }

    try {
      if (message.channel === 'email') {
        await deps.channels.email.send({
          to: message.to,
          subject: message.subject,
          text: message.body,
          reference: id,
        });
      } else {
        await deps.channels.sms.send({ to: message.to, text: message.body, reference: id });
      }
    } catch (error) {
      // The retry will take the slot again; until then the customer's log shows the attempt as failed. Neither
      // write may hide the send error, which is what makes the broker retry.
      await notifications.releaseRateSlot(message.userId, id).catch(() => undefined);
      await notifications.logDelivery(entry('failed')).catch(() => undefined);
      throw new DeliveryFailedError(id, message.channel, error);
    }

    const outcome = await notifications.completeDelivery(entry('sent'));
    return outcome === 'duplicate' ? 'duplicate' : 'sent';
  } finally {
    await lock.release().catch(() => undefined);
  }
}
