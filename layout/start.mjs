// `npm start`, the stack runner and the image: the built layout on $PORT/$HOST (defaults from docs/conventions.md).
// Next.js's own request handler behind a plain Node server, so its pages leave without Next's client runtime
// (server/without-next-runtime.mjs). The configuration is the one `next build` recorded, as in Next's standalone
// server: the image has no next.config.ts compiler.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { BAD_ADDRESS_PAGE, isMalformedPath } from './server/malformed-path.mjs';
import { isMissingStaticFile } from './server/missing-static-files.mjs';
import { sendPagesWithoutNextRuntime } from './server/without-next-runtime.mjs';

const dir = dirname(fileURLToPath(import.meta.url));
process.chdir(dir);
process.env.NODE_ENV ??= 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || '127.0.0.1';

const { config } = JSON.parse(readFileSync('.next/required-server-files.json', 'utf8'));
// How Next's own standalone server hands it the recorded configuration (it would otherwise load next.config.ts).
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
const app = next({ dir, dev: false, conf: config, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const staticDir = join(dir, '.next', 'static');
const server = createServer((request, response) => {
  if (isMissingStaticFile(request.url ?? '/', staticDir)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end('Not found\n');
    return;
  }
  if (isMalformedPath(request.url ?? '/')) {
    response.writeHead(400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(BAD_ADDRESS_PAGE);
    return;
  }
  sendPagesWithoutNextRuntime(response);
  void handle(request, response);
});
server.listen(port, hostname, () => console.log(`layout listening on http://${hostname}:${port}`));

// In-flight pages finish; idle keep-alive connections close at once.
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
