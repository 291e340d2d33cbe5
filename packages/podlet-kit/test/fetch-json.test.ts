import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fetchJson } from '../src/index.js';

const shape = z.object({ ok: z.literal(true) });
const closers: (() => void)[] = [];

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/thing`;
}

describe('fetching a service from a podlet', () => {
  afterEach(() => closers.splice(0).forEach((close) => close()));

  it('when the service answers within its contract, the data comes back and the request id went along', async () => {
    let seenId: string | undefined;
    const url = await serve((req, res) => {
      seenId = req.headers['x-request-id'] as string;
      res.end(JSON.stringify({ ok: true }));
    });

    expect(await fetchJson(url, shape, { headers: { 'x-request-id': 'r-1' } })).toEqual({ ok: true });
    expect(seenId).toBe('r-1');
  });

  it('when the service answers outside its contract, it is a 502 problem', async () => {
    const url = await serve((_req, res) => res.end(JSON.stringify({ ok: 'yes' })));

    await expect(fetchJson(url, shape)).rejects.toMatchObject({ status: 502 });
  });

  it('when the service answers an error status, it is a 502 problem naming that status', async () => {
    const url = await serve((_req, res) => res.writeHead(500).end());

    await expect(fetchJson(url, shape)).rejects.toMatchObject({
      status: 502,
      extra: { upstreamStatus: 500 },
    });
  });

  it('when the service is slower than the budget, it is a 504 problem', async () => {
    const url = await serve(() => {});

    await expect(fetchJson(url, shape, { timeoutMs: 100 })).rejects.toMatchObject({ status: 504 });
  });

  it('when nothing listens at the address, it is a 502 problem naming the host', async () => {
    const url = await serve(() => {});
    closers.splice(0).forEach((close) => close());

    await expect(fetchJson(url, shape)).rejects.toMatchObject({
      status: 502,
      detail: `${new URL(url).host} is unreachable.`,
    });
  });
});
