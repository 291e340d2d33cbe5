import type pg from 'pg';
import type { StorefrontEvent } from '@storefront/contracts';

// Long enough for a batch to be published and confirmed; rows a crashed relay claimed come free after this.
const CLAIM_LEASE = '30 seconds';

/**
 * The relay's view of the outbox table. SKIP LOCKED plus a lease lets several replicas relay at once without
 * publishing a row twice while a claim holds.
 */
/** The relay's statements, exported so tests EXPLAIN exactly what runs (outbox_pending, outbox_sent). */
export const outboxQueries = {
  claim: `UPDATE outbox SET claimed_until = now() + $2::interval
    WHERE id IN (
      SELECT id FROM outbox
       WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING id, event`,
  prune: `DELETE FROM outbox WHERE id IN (
    SELECT id FROM outbox WHERE sent_at < $1 ORDER BY sent_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
};

export function createOutboxStore(pool: pg.Pool) {
  return {
    async claimBatch(limit: number): Promise<{ id: string; event: StorefrontEvent }[]> {
      const { rows } = await pool.query<{ id: string; event: StorefrontEvent }>(outboxQueries.claim, [
        limit,
        CLAIM_LEASE,
      ]);
      return rows.map(({ id, event }) => ({ id, event }));
    },

    async markSent(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await pool.query('UPDATE outbox SET sent_at = now() WHERE id = ANY($1::uuid[])', [ids]);
    },

    async pruneSent(before: Date, limit: number): Promise<number> {
      const { rowCount } = await pool.query(outboxQueries.prune, [before, limit]);
      return rowCount ?? 0;
    },
  };
}
