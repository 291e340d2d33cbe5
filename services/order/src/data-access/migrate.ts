import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import Postgrator from 'postgrator';

const migrationPattern = fileURLToPath(new URL('./migrations/*.sql', import.meta.url));
const LOCK_NAME = 'order-service:migrations';
const LOCK_WAIT_SECONDS = 60;

/**
 * Applies the SQL files in migrations/ that this database has not seen, recording them in schema_migrations.
 * A named lock keeps replicas that start together from racing; MySQL commits DDL as it goes, so each file
 * should be one self-contained step. Migration files may hold several statements, which only this dedicated
 * connection allows: the request pool keeps multipleStatements off.
 */
export async function migrate(url: string): Promise<string[]> {
  const connection = await mysql.createConnection({ uri: url, multipleStatements: true, timezone: 'Z' });
  try {
    const [[lock]] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_WAIT_SECONDS,
    ]);
    if (lock?.acquired !== 1)
      throw new Error(`could not take the migration lock within ${LOCK_WAIT_SECONDS} s`);
    const [[current]] = await connection.query<RowDataPacket[]>('SELECT DATABASE() AS name');
    const postgrator = new Postgrator({
      driver: 'mysql',
      database: String(current?.name),
      migrationPattern,
      schemaTable: 'schema_migrations',
      execQuery: async (query) => {
        const [rows] = await connection.query(query);
        return { rows: Array.isArray(rows) ? rows : [] };
      },
    });
    const applied = await postgrator.migrate();
    return applied.map((migration) => basename(migration.filename));
  } finally {
    await connection.end();
  }
}
