import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import Postgrator from 'postgrator';

const migrationPattern = fileURLToPath(new URL('./migrations/*.sql', import.meta.url));

/**
 * Applies the SQL files in migrations/ that this database has not seen, recording them in schema_migrations.
 * Everything runs in one transaction (PostgreSQL DDL is transactional) under an advisory lock, so replicas that
 * start together migrate once and a failing file leaves the schema as it was.
 */
export async function migrate(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('product-service:migrations'))");
    const postgrator = new Postgrator({
      driver: 'pg',
      migrationPattern,
      schemaTable: 'schema_migrations',
      currentSchema: 'public',
      execQuery: (query) => client.query(query),
    });
    const applied = await postgrator.migrate();
    await client.query('COMMIT');
    return applied.map((migration) => basename(migration.filename));
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
