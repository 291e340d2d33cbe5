// Small pieces the benchmark scenarios share: autocannon runs, delaying proxies, extra nginx gateways, processes.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import waitOn from 'wait-on';
import { repoRoot } from './stack.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a composed page holds where a part was not rendered: a podlet's fallback or the gateway's placeholder. */
export const DEGRADED = /data-fragment-(?:fallback|unavailable)="([^"]+)"/g;

/**
 * One autocannon run; answers req/s, p50/p99 (ms), errors (socket errors, timeouts and non-2xx/3xx), 5xx, and
 * `degraded`: pages that came back whole (2xx) but with a fallback or a placeholder in a slot, a failure too.
 * `headersFor(i)` gives the i-th request its own headers (e.g. a session per visitor).
 */
export async function load(
  url,
  { connections = 10, duration = 10, headers = {}, requests, amount, headersFor, method = 'GET', body } = {},
) {
  let sent = 0;
  let degraded = 0;
  let serverErrors = 0;
  /** Which parts were missing, and how often. */
  const missing = {};
  const inspect = {
    method,
    ...(body ? { body } : {}),
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, ...(headersFor?.(sent++) ?? {}) } }),
    onResponse: (status, text) => {
      if (status >= 500) serverErrors += 1;
      if (status >= 300) return;
      const parts = [...text.matchAll(DEGRADED)].map((match) => match[1]);
      if (parts.length) degraded += 1;
      for (const part of parts) missing[part] = (missing[part] ?? 0) + 1;
    },
  };
  const result = await autocannon({
    url,
    connections,
    // autocannon refuses a duration it was handed as undefined: one or the other.
    ...(amount ? { amount } : { duration }),
    headers,
    // Every request is inspected, a caller's own list included: a degraded page counts wherever it came from.
    requests: (requests ?? [{}]).map((given) => ({ ...inspect, ...given, onResponse: inspect.onResponse })),
    timeout: 30,
  });
  return {
    reqPerSec: Math.round(result.requests.average * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    '5xx': serverErrors,
    degraded,
    ...(degraded
      ? {
          missing: Object.entries(missing)
            .map(([part, n]) => `${part} ${n}`)
            .join(', '),
        }
      : {}),
    total: result.requests.total,
  };
}

/** An http proxy that holds every request `delayMs` before passing it on to `target`. */
export async function delayingProxy(target, delayMs, port) {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    setTimeout(() => {
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(forward);
    }, delayMs);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const running = [];

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* gone already */
  }
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(15_000)]);
}

/** A long-running child process (its own process group): `stop()` ends it, stopAll() every one still running. */
export function startProcess(name, command, args, options) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const entry = {
    name,
    child,
    log: () => log,
    stop: async () => {
      running.splice(running.indexOf(entry), 1);
      await stopChild(child);
    },
  };
  running.push(entry);
  return entry;
}
export async function stopAll() {
  for (const { child } of running.splice(0)) await stopChild(child);
}

/** A second gateway from nginx/render.mjs with its own prefix, port and environment (one worker). */
export async function startGateway(name, { baseEnv, port, env, runDir }) {
  const prefix = join(runDir, `nginx-${name}`);
  mkdirSync(prefix, { recursive: true });
  const fullEnv = {
    ...process.env,
    ...baseEnv,
    GATEWAY_PORT: String(port),
    NGINX_PREFIX: prefix,
    GATEWAY_ACCESS_LOG: 'off',
    GATEWAY_WORKERS: '1',
    ...env,
  };
  const entry = startProcess(
    `gateway-${name}`,
    'sh',
    [
      '-c',
      `node render.mjs && exec nginx -p ${prefix} -c ${join(prefix, 'nginx.conf')} -e stderr -g "daemon off;"`,
    ],
    { cwd: join(repoRoot, 'nginx'), env: fullEnv },
  );
  await waitOn({ resources: [`http-get://127.0.0.1:${port}/healthz`], timeout: 30_000, interval: 100 }).catch(
    (error) => {
      throw new Error(`gateway ${name} did not start: ${error.message}\n${entry.log()}`);
    },
  );
  return { url: `http://127.0.0.1:${port}`, pid: entry.child.pid, stop: entry.stop };
}

/** nginx with a minimal config of its own that serves one saved HTML file at every path (the static baseline). */
export async function startStaticNginx({ html, port, runDir, name = 'static' }) {
  const prefix = join(runDir, `nginx-${name}`);
  for (const dir of ['temp', 'logs', 'www']) mkdirSync(join(prefix, dir), { recursive: true });
  writeFileSync(join(prefix, 'www', 'index.html'), html);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes auto;
pid ${join(prefix, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 1024; }
http {
    types { text/html html; }
    access_log off;
    sendfile on;
    keepalive_timeout 65s;
    client_body_temp_path ${join(prefix, 'temp')};
    proxy_temp_path ${join(prefix, 'temp')};
    fastcgi_temp_path ${join(prefix, 'temp')};
    uwsgi_temp_path ${join(prefix, 'temp')};
    scgi_temp_path ${join(prefix, 'temp')};
    server {
        listen 127.0.0.1:${port};
        root ${join(prefix, 'www')};
        location / { try_files /index.html =404; }
    }
}
`,
  );
  const entry = startProcess(
    `${name}-nginx`,
    'nginx',
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'],
    {},
  );
  await waitOn({ resources: [`http-get://127.0.0.1:${port}/`], timeout: 15_000, interval: 100 }).catch(
    (error) => {
      throw new Error(`static nginx did not start: ${error.message}\n${entry.log()}`);
    },
  );
  return { url: `http://127.0.0.1:${port}`, pid: entry.child.pid, stop: entry.stop };
}

/** A process and all its descendants, from /proc. */
function processTree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      /* gone */
    }
  }
  const tree = [];
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop();
    tree.push(current);
    stack.push(...(children.get(current) ?? []));
  }
  return tree;
}

/** Resident memory (kB) of a process and all its descendants, from /proc/<pid>/status VmRSS. */
export function treeRssKb(pid) {
  let total = 0;
  for (const current of processTree(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${current}/status`, 'utf8'));
      total += match ? Number(match[1]) : 0;
    } catch {
      /* gone */
    }
  }
  return total;
}

/**
 * CPU time (ms, user + system) a process and its descendants have used, from /proc/<pid>/stat: what a request
 * costs, whatever else the machine is doing meanwhile (wall-clock figures are not).
 */
export function treeCpuMs(pid) {
  const tick = 1000 / 100; // USER_HZ
  let total = 0;
  for (const current of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${current}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      /* gone */
    }
  }
  return total;
}

export const csrfToken = randomBytes(32).toString('base64url');
export const csrfCookie = `sf_csrf=${csrfToken}`;

/** Signs in or registers (`path`) straight at the user service: the account's id and its cookies (session + CSRF). */
export async function account(userUrl, body, path) {
  const res = await fetch(`${userUrl}/users/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .find((line) => line.startsWith('sf_session='))
    ?.split(';')[0];
  return { id: (await res.json()).id, cookie: `${session}; ${csrfCookie}` };
}
