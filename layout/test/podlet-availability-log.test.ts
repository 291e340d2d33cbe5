// What the layout logs about a podlet it cannot read: at start the parts come up together (and a podlet renders its
// warm-up page before it is ready), so a podlet that answers within seconds is no news; one that never answers is
// logged once, as one that stops answering is at its first failed read.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sleep, startStub, type Stub } from '../../nginx/test/gateway.js';
import { freePort } from './support.js';

function manifestPodlet(name: string, port: number) {
  return startStub((req, res) => {
    if (req.url === '/manifest.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name, version: '1.0.0', content: '/', js: [], css: [] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>fragment</p>');
  }, port);
}

describe('the layout on podlets it cannot read', () => {
  const warnings: string[] = [];
  const late: { port: number; stub?: Stub } = { port: 0 };
  let lib: typeof import('../src/lib/podlet-manifests.js');
  const reported = (podlet: string) =>
    warnings.filter((line) => line.includes('podlet manifest unavailable') && line.includes(`"${podlet}"`));

  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void warnings.push(String(line)));
    late.port = await freePort();
    vi.stubEnv('PRODUCT_CATALOG_URL', `http://127.0.0.1:${late.port}`);
    vi.stubEnv('ORDER_MANAGEMENT_URL', `http://127.0.0.1:${await freePort()}`);
    vi.stubEnv('USER_DASHBOARD_URL', `http://127.0.0.1:${await freePort()}`);
    lib = await import('../src/lib/podlet-manifests.js');
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await late.stub?.close();
  });

  it('when a podlet answers two seconds after the layout first asked, nothing is logged about it', async () => {
    await lib.podletAssets();
    await sleep(2000);
    late.stub = await manifestPodlet('product-catalog', late.port);

    await vi.waitFor(() => expect(late.stub!.requests.some((r) => r.url === '/manifest.json')).toBe(true), {
      timeout: 5000,
    });

    expect(reported('product-catalog')).toEqual([]);
  });

  it('when a podlet has not answered for ten seconds since the layout first asked, it is logged once', async () => {
    await vi.waitFor(() => expect(reported('order-management')).toHaveLength(1), {
      timeout: 12_000,
      interval: 250,
    });
    // The layout keeps asking every second in the background.
    await sleep(2500);

    expect(reported('order-management')).toHaveLength(1);
    expect(reported('product-catalog')).toEqual([]);
  }, 20_000);
});
