// The journeys the containers must pass, through a running containerized gateway: the JavaScript-off visitor and
// the walking skeleton (Playwright, tests/playwright.containers.config.ts). The skeleton's last test stops the
// catalog podlet through a small control endpoint, which runs `<stop command> <compose service>`.
//   STOREFRONT_URL=http://127.0.0.1:8080 STACK_PART_URLS='{"user":"http://127.0.0.1:7201"}' \
//   CONTAINERS_STOP_COMMAND='docker compose stop' node scripts/containers/journeys.mjs
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parts } from '../stack.mjs';
import { root } from '../workspaces.mjs';

const known = new Set([...parts.map((part) => part.name), 'gateway']);

/** The browser tests' name of a part → its compose service. */
const serviceOf = (part) =>
  ['user', 'product', 'order', 'notification'].includes(part) ? `${part}-service` : part;

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/**
 * @param {{ storefrontUrl: string, partUrls: Record<string, string>, stop: (service: string) => string[] }} stack
 *   `stop` answers the command (and its arguments) that stops a compose service.
 */
export async function runJourneys({ storefrontUrl, partUrls, stop }) {
  const control = createServer((req, res) => {
    const match = /^\/stop\/([\w-]+)(\?wait=1)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match || !known.has(match[1])) {
      res.writeHead(404).end();
      return;
    }
    const [command, ...args] = stop(serviceOf(match[1]));
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('exit', (code) => res.writeHead(code === 0 ? 204 : 500).end());
  });
  await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
  try {
    await run('npx', ['playwright', 'test', '--config', 'tests/playwright.containers.config.ts'], {
      env: {
        ...process.env,
        STOREFRONT_URL: storefrontUrl,
        STACK_PART_URLS: JSON.stringify(partUrls),
        STACK_CONTROL_URL: `http://127.0.0.1:${control.address().port}`,
      },
    });
  } finally {
    control.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stopCommand = (process.env.CONTAINERS_STOP_COMMAND ?? 'docker compose stop').split(' ');
  await runJourneys({
    storefrontUrl: process.env.STOREFRONT_URL ?? 'http://127.0.0.1:8080',
    partUrls: JSON.parse(process.env.STACK_PART_URLS ?? '{}'),
    stop: (service) => [...stopCommand, service],
  });
}
