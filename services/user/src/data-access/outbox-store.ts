import { trusted } from 'mongoose';
import type { StorefrontEvent } from '@storefront/contracts';
import type { Models, OutboxDocument, UserDocument } from './models.js';
import { movePendingEvent } from './outbox-rows.js';

export interface ClaimedEvent {
  id: string;
  event: StorefrontEvent;
}

const SECRET_BEARING_EVENT = 'user.password-reset-requested' satisfies StorefrontEvent['type'];
/** What a sent reset event keeps in place of its token (a sent row is never published again). */
export const SENT_TOKEN_PLACEHOLDER = '(sent)';

// Long enough for a batch to be published and confirmed; a relay that died holding rows frees them after this.
const CLAIM_LEASE_MS = 30_000;

/** Unsent rows free to claim (the `pending` index, whose first field is sentAt), oldest first. */
export function claimableFilter(now: Date) {
  return { sentAt: null, $or: [{ claimedUntil: null }, { claimedUntil: trusted({ $lt: now }) }] };
}
export const CLAIM_ORDER = { createdAt: 1 } as const;

/** Users still holding an event (the sparse `pending_event` index). */
export function strandedEventFilter() {
  return { 'pendingEvent.id': trusted({ $exists: true }) };
}

/**
 * The relay's view of the outbox collection. Each row is claimed with its own atomic update, so several replicas
 * of the service can relay at once without publishing a row twice while a claim holds. The operators here are
 * ours, not a client's, hence `trusted` past the connection's filter sanitizing.
 */
export function createOutboxStore(models: Models) {
  const { Outbox, User } = models;

  // Events a crashed request left on their user (the no-transaction path of users-repository.ts).
  async function recoverPendingEvents(limit: number) {
    const stranded = await User.find(strandedEventFilter())
      .select({ pendingEvent: 1 })
      .limit(limit)
      .lean<Pick<UserDocument, '_id' | 'pendingEvent'>[]>();
    for (const user of stranded) {
      if (user.pendingEvent) await movePendingEvent(models, user._id, user.pendingEvent);
    }
  }

  return {
    async claimBatch(limit: number): Promise<ClaimedEvent[]> {
      await recoverPendingEvents(limit);
      const claimed: ClaimedEvent[] = [];
      for (let i = 0; i < limit; i++) {
        const now = new Date();
        const row = await Outbox.findOneAndUpdate(
          claimableFilter(now),
          { $set: { claimedUntil: new Date(now.getTime() + CLAIM_LEASE_MS) } },
          { sort: CLAIM_ORDER, returnDocument: 'after' },
        ).lean<OutboxDocument>();
        if (!row) break;
        claimed.push({ id: row._id, event: row.payload as StorefrontEvent });
      }
      return claimed;
    },
    async markSent(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await Outbox.updateMany({ _id: trusted({ $in: ids.map(String) }) }, { $set: { sentAt: new Date() } });
      // A reset link's token is a secret the store must not keep once it is on its way (its hash suffices here).
      await Outbox.updateMany(
        { _id: trusted({ $in: ids.map(String) }), type: SECRET_BEARING_EVENT },
        { $set: { 'payload.data.token': SENT_TOKEN_PLACEHOLDER } },
      );
    },
    async pruneSent(before: Date, limit: number): Promise<number> {
      // In the order of the `pending` index (unsent rows, then sent ones by time), so the oldest go first.
      const old = await Outbox.find({ sentAt: trusted({ $lt: before }) })
        .sort({ sentAt: 1, createdAt: 1 })
        .limit(limit)
        .select({ _id: 1 })
        .lean<Pick<OutboxDocument, '_id'>[]>();
      if (old.length === 0) return 0;
      const { deletedCount } = await Outbox.deleteMany({ _id: trusted({ $in: old.map((row) => row._id) }) });
      return deletedCount;
    },
  };
}
