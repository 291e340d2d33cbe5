import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, HttpProblem, startAppForTest } from '@storefront/service-kit';
import { createPodletApp, viteAssets, type RenderContext } from '../src/index.js';

describe('a podlet built with the kit', () => {
  let clientDir: string;
  let server: { url: string; close(): Promise<void> };
  const seen: RenderContext[] = [];

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'podlet-kit-'));
    mkdirSync(join(clientDir, 'assets'));
    mkdirSync(join(clientDir, '.vite'));
    writeFileSync(join(clientDir, 'assets', 'client-AbC123.js'), 'export {};');
    writeFileSync(join(clientDir, 'assets', 'client-Xy9.css'), '.a{}');
    writeFileSync(
      join(clientDir, '.vite', 'manifest.json'),
      JSON.stringify({
        'src/client.ts': { file: 'assets/client-AbC123.js', isEntry: true, css: ['assets/client-Xy9.css'] },
      }),
    );
    const app = createPodletApp({
      name: 'demo-fragment',
      version: '1.2.3',
      logger: createLogger('demo-fragment', 'silent'),
      assets: viteAssets(clientDir, 'src/client.ts'),
      fallback: () => '<p>Demo is resting</p>',
      content: async (context) => {
        seen.push(context);
        if (context.path === '/broken') throw new Error('secret stack detail');
        if (context.path === '/upstream-down') throw new HttpProblem(502, undefined, 'down');
        if (context.path === '/missing') return { status: 404, html: '<p>Not here</p>' };
        return `<div data-fragment="demo">path=${context.path} locale=${context.podium.locale}</div>`;
      },
    });
    server = await startAppForTest(app);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('when the layout reads the manifest, it lists the fingerprinted assets under the public prefix', async () => {
    const response = await fetch(`${server.url}/manifest.json`);
    const manifest = (await response.json()) as Record<string, unknown>;

    expect(manifest).toMatchObject({
      name: 'demo-fragment',
      version: '1.2.3',
      content: '/',
      fallback: '/fallback',
      js: [{ value: '/_fragments/demo-fragment/assets/client-AbC123.js', type: 'module' }],
      css: [{ value: '/_fragments/demo-fragment/assets/client-Xy9.css' }],
    });
  });

  it('when a browser loads an asset, it is served with immutable caching', async () => {
    const response = await fetch(`${server.url}/assets/client-AbC123.js`);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('export {};');
  });

  it('when an asset does not exist, the answer is a 404 problem, not a rendered page', async () => {
    const response = await fetch(`${server.url}/assets/nope.js`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(seen.some((context) => context.path.startsWith('/assets'))).toBe(false);
  });

  it('when nginx includes a page path, the renderer gets the path, Podium context, cookies and request id', async () => {
    const response = await fetch(`${server.url}/products/blue-mug?page=2`, {
      headers: {
        'podium-locale': 'de-DE',
        'podium-mount-pathname': '/products/blue-mug',
        'podium-public-pathname': '/_fragments/demo-fragment/',
        cookie: 'sf_cart=abc; other=1',
        'x-request-id': 'req-42',
      },
    });
    const context = seen.at(-1)!;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toBe(
      '<div data-fragment="demo">path=/products/blue-mug locale=de-DE</div>',
    );
    expect(context.podium).toMatchObject({
      locale: 'de-DE',
      mountPathname: '/products/blue-mug',
      publicPathname: '/_fragments/demo-fragment/',
    });
    expect(context.query.get('page')).toBe('2');
    expect(context.cookies).toMatchObject({ sf_cart: 'abc', other: '1' });
    expect(context.upstreamHeaders).toEqual({ 'x-request-id': 'req-42' });
  });

  it('when no Podium headers come, the locale defaults to en-US', async () => {
    const response = await fetch(`${server.url}/`);

    expect(await response.text()).toContain('path=/ locale=en-US');
  });

  it('when rendering throws, the answer is a 500 with the fallback body and no stack', async () => {
    const response = await fetch(`${server.url}/broken`);
    const body = await response.text();

    expect(response.status).toBe(500);
    expect(body).toBe('<p>Demo is resting</p>');
    expect(body).not.toContain('secret stack detail');
  });

  it('when an upstream is down, the status says so and the fallback is shown', async () => {
    const response = await fetch(`${server.url}/upstream-down`);

    expect(response.status).toBe(502);
    expect(await response.text()).toBe('<p>Demo is resting</p>');
  });

  it('when the renderer chooses a status (a missing product), that status is answered', async () => {
    const response = await fetch(`${server.url}/missing`);

    expect(response.status).toBe(404);
    expect(await response.text()).toBe('<p>Not here</p>');
  });

  it('when the layout asks for the fallback, it gets the static snippet', async () => {
    const response = await fetch(`${server.url}/fallback`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toBe('<p>Demo is resting</p>');
  });

  it('when probed, health and readiness answer', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
