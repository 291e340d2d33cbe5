// Test helpers: a real nginx rendered by render.mjs into a throw-away prefix, and small node HTTP servers that
// stand in for the layout, the podlets and the services.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const nginxDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const nginxBin =
  process.env.NGINX_BIN ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Stub {
  url: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type StubHandler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

/** A node HTTP server that records every request and answers with `handler`. */
export async function startStub(handler: StubHandler, port = 0): Promise<Stub> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Gateway {
  url: string;
  prefix: string;
  stop(): Promise<void>;
}

/** The gateway image's way: templates rendered once (as at image build), filled in by configure.sh at each start. */
export function configureFromTemplates(env: NodeJS.ProcessEnv): ReturnType<typeof spawnSync> {
  const templates = mkdtempSync(join(tmpdir(), 'sf-templates-'));
  try {
    const written = spawnSync(process.execPath, ['render.mjs', '--templates', templates], {
      cwd: nginxDir,
      encoding: 'utf8',
    });
    if (written.status !== 0) throw new Error(`render.mjs --templates failed: ${written.stderr}`);
    return spawnSync('sh', [join(nginxDir, 'configure.sh'), templates], {
      cwd: nginxDir,
      env,
      encoding: 'utf8',
    });
  } finally {
    rmSync(templates, { recursive: true, force: true });
  }
}

/**
 * Renders the config with `env` into a temp prefix (render.mjs, or with `templates` the image's configure.sh),
 * checks it with `nginx -t`, then runs nginx in the foreground.
 */
export async function startGateway(
  env: Record<string, string>,
  { templates = false }: { templates?: boolean } = {},
): Promise<Gateway> {
  const prefix = mkdtempSync(join(tmpdir(), 'sf-gateway-'));
  const port = await freePort();
  const fullEnv = {
    ...process.env,
    GATEWAY_PORT: String(port),
    NGINX_PREFIX: prefix,
    GATEWAY_ACCESS_LOG: 'off',
    GATEWAY_WORKERS: '1',
    ...env,
  };
  const rendered = templates
    ? configureFromTemplates(fullEnv)
    : spawnSync(process.execPath, ['render.mjs'], { cwd: nginxDir, env: fullEnv, encoding: 'utf8' });
  if (rendered.status !== 0) throw new Error(`rendering nginx.conf failed: ${String(rendered.stderr)}`);
  const conf = join(prefix, 'nginx.conf');
  const checked = spawnSync(nginxBin, ['-t', '-p', prefix, '-c', conf, '-e', 'stderr'], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`nginx -t failed: ${checked.stderr}`);

  const child = spawn(nginxBin, ['-p', prefix, '-c', conf, '-e', 'stderr', '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      if ((await get(`${url}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not answer /healthz: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    prefix,
    async stop() {
      // SIGQUIT: graceful shutdown of the master and its workers.
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
  ms: number;
}

/** A plain HTTP request (no automatic decompression, cookies or redirects): what a browser would be sent. */
export function get(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        let raw = Buffer.concat(chunks);
        if (res.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
        if (res.headers['content-encoding'] === 'br') raw = brotliDecompressSync(raw);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: raw.toString(),
          ms: performance.now() - started,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
