import pg from 'pg';
import type { Logger } from '@storefront/service-kit';

/**
 * An idle connection that PostgreSQL drops (a restart, a failover) is reported on the pool; unhandled, that error
 * would end the process. It is logged instead, and the pool opens a fresh connection on the next query.
 */
export function createPostgresPool(url: string, logger: Pick<Logger, 'warn'>): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'));
  return pool;
}

/**
 * Every key this client writes carries the prefix, so several services or test runs can share one Redis. Commands
 * fail at once while Redis is away instead of queueing, so the cache degrades to the database rather than
 * stalling requests.
 */
/** Runs `work` in one transaction on one pooled client: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
