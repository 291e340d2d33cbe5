import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { uniqueName } from './names.js';

const run = promisify(execFile);
const rabbitmqctl = (...args: string[]) => run('rabbitmqctl', ['-q', ...args], { timeout: 60_000 });

/** A vhost of its own per test run: queues and exchanges of other runs are invisible, and dropped with it. */
export async function createRabbitVhost(): Promise<{ url: string; vhost: string; drop(): Promise<void> }> {
  const vhost = uniqueName('sf-test').replace(/_/g, '-');
  await rabbitmqctl('add_vhost', vhost);
  await rabbitmqctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*');
  const base = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  return {
    vhost,
    url: `${base.replace(/\/$/, '')}/${encodeURIComponent(vhost)}`,
    async drop() {
      await rabbitmqctl('delete_vhost', vhost);
    },
  };
}
