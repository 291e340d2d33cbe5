import mysql from 'mysql2/promise';

/** Dates travel as UTC both ways, whatever the server's or the host's time zone. */
export function createMysqlPool(url: string): mysql.Pool {
  return mysql.createPool({ uri: url, connectionLimit: 10, timezone: 'Z', enableKeepAlive: true });
}

export async function inTransaction<T>(
  pool: mysql.Pool,
  work: (connection: mysql.PoolConnection) => Promise<T>,
): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback();
    throw error;
  } finally {
    connection.release();
  }
}
