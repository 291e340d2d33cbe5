import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInAnswer = { status: number; body?: unknown };

/**
 * A small HTTP stand-in for one GET route of a service (`/users/me`, `/notifications`): it answers what the test
 * set last (JSON), records every request, and 404s anything else.
 */
export async function startStandIn(path: string, initial: StandInAnswer) {
  const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  let answer = initial;
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '/', headers: req.headers });
    if (req.method !== 'GET' || req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (next: StandInAnswer) => {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
