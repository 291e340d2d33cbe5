import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { StorefrontEvent } from '@storefront/contracts';
import { inTransaction } from './connection.js';

// Long enough for a batch to be published and confirmed; rows a crashed relay claimed come free after this.
const CLAIM_LEASE_SECONDS = 30;

interface OutboxRow extends RowDataPacket {
  id: string;
  event: string | StorefrontEvent;
}

/** The relay's statements, exported so tests EXPLAIN exactly what runs (both read the outbox_pending key). */
export const outboxQueries = {
  claim: `SELECT id, event FROM outbox
    WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < UTC_TIMESTAMP(3))
    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED`,
  prune: 'DELETE FROM outbox WHERE sent_at < ? ORDER BY sent_at LIMIT ?',
};

/**
 * The relay's view of the outbox table. SKIP LOCKED plus a lease lets several replicas relay at once without
 * publishing a row twice while a claim holds.
 */
export function createOutboxStore(pool: Pool) {
  return {
    async claimBatch(limit: number): Promise<{ id: string; event: StorefrontEvent }[]> {
      const rows = await inTransaction(pool, async (connection) => {
        const [claimed] = await connection.query<OutboxRow[]>(outboxQueries.claim, [limit]);
        if (claimed.length > 0) {
          await connection.query(
            'UPDATE outbox SET claimed_until = UTC_TIMESTAMP(3) + INTERVAL ? SECOND WHERE id IN (?)',
            [CLAIM_LEASE_SECONDS, claimed.map((row) => row.id)],
          );
        }
        return claimed;
      });
      // MySQL hands JSON columns back parsed; MariaDB keeps them as text.
      return rows.map((row) => ({
        id: row.id,
        event: typeof row.event === 'string' ? (JSON.parse(row.event) as StorefrontEvent) : row.event,
      }));
    },

    async markSent(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await pool.query('UPDATE outbox SET sent_at = UTC_TIMESTAMP(3) WHERE id IN (?)', [ids]);
    },

    async pruneSent(before: Date, limit: number): Promise<number> {
      const [result] = await pool.query<ResultSetHeader>(outboxQueries.prune, [before, limit]);
      return result.affectedRows;
    },
  };
}
