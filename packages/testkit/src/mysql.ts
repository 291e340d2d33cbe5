import mysql from 'mysql2/promise';
import { uniqueName } from './names.js';

const adminUrl = () => process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

export async function createMysqlDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName();
  const admin = await mysql.createConnection(adminUrl());
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const connection = await mysql.createConnection(adminUrl());
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
