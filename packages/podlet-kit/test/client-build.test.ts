import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startAppForTest } from '@storefront/service-kit';
import {
  createPodletApp,
  finishClientBuild,
  LOADER_LIMIT_BYTES,
  overBudget,
  viteAssets,
  type ClientBuildResult,
  type ClientConfig,
} from '../src/index.js';

/** A GET that shows the bytes as sent (fetch would decode them). */
function rawGet(url: string, acceptEncoding?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(
      url,
      { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

// Big and repetitive enough that both encodings are smaller than the file.
const ENTRY_SOURCE = `export const hello = ${JSON.stringify('a fragment that hydrates '.repeat(200))};\n`;
const config: ClientConfig = {
  hydrate: 'interaction',
  budget: { jsBytes: 10_000, cssBytes: 1_000 },
  build: { kind: 'vite', dir: 'dist/client', entry: 'src/client.ts' },
};

describe('a fragment client build', () => {
  let clientDir: string;
  let assetsDir: string;
  let build: ClientBuildResult;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'client-build-'));
    assetsDir = join(clientDir, 'assets');
    mkdirSync(assetsDir);
    mkdirSync(join(clientDir, '.vite'));
    writeFileSync(join(assetsDir, 'client-AbC123.js'), ENTRY_SOURCE);
    writeFileSync(join(assetsDir, 'client-Xy9.css'), '.card{color:red}\n'.repeat(100));
    writeFileSync(
      join(clientDir, '.vite', 'manifest.json'),
      JSON.stringify({
        'src/client.ts': { file: 'assets/client-AbC123.js', isEntry: true, css: ['assets/client-Xy9.css'] },
      }),
    );
    const assets = viteAssets(clientDir, 'src/client.ts');
    build = finishClientBuild({
      name: 'demo-fragment',
      assetsDir,
      entries: assets.js,
      css: assets.css,
      config,
    });
    server = await startAppForTest(
      createPodletApp({
        name: 'demo-fragment',
        version: '1.0.0',
        logger: createLogger('demo-fragment', 'silent'),
        assets,
        fallback: () => '<p>resting</p>',
        content: async () => '<div data-fragment="demo-fragment"></div>',
      }),
    );
  });

  afterAll(async () => {
    await server?.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  describe('compression', () => {
    it('when the build finishes, every script and stylesheet has a brotli and a gzip copy beside it', () => {
      for (const file of ['client-AbC123.js', 'client-Xy9.css', build.loader]) {
        const original = readFileSync(join(assetsDir, file));
        if (file === build.loader && original.length < 1_000) continue;
        expect(brotliDecompressSync(readFileSync(join(assetsDir, `${file}.br`)))).toEqual(original);
        expect(gunzipSync(readFileSync(join(assetsDir, `${file}.gz`)))).toEqual(original);
      }
    });

    it('when the browser accepts brotli, the brotli copy is sent, immutable and varying by Accept-Encoding', async () => {
      const response = await rawGet(`${server.url}/assets/client-AbC123.js`, 'gzip, deflate, br');

      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(response.body).toString()).toBe(ENTRY_SOURCE);
    });

    it('when the browser accepts gzip only, the gzip copy is sent', async () => {
      const response = await rawGet(`${server.url}/assets/client-Xy9.css`, 'gzip');

      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers['content-type']).toMatch(/text\/css/);
      expect(gunzipSync(response.body).toString()).toContain('.card{color:red}');
    });

    it('when the browser refuses brotli and gzip, the plain file is sent, still varying by Accept-Encoding', async () => {
      const response = await rawGet(`${server.url}/assets/client-AbC123.js`, 'br;q=0, identity');

      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toMatch(/Accept-Encoding/i);
      expect(response.body.toString()).toBe(ENTRY_SOURCE);
    });
  });

  describe('hydration', () => {
    it('when the layout reads the manifest, the page gets the small loader, not the entry', async () => {
      const manifest = (await (await fetch(`${server.url}/manifest.json`)).json()) as {
        js: { value: string }[];
      };

      expect(manifest.js).toEqual([
        expect.objectContaining({
          value: `/_fragments/demo-fragment/assets/${build.loader}`,
          type: 'module',
        }),
      ]);
      expect(build.loader).toMatch(/^hydrate-[\w-]{10}\.js$/);
      expect(build.sizes.loaderBytes).toBeLessThanOrEqual(LOADER_LIMIT_BYTES);
    });

    it('when the loader runs, it imports the entry beside it on interaction', () => {
      const loader = readFileSync(join(assetsDir, build.loader), 'utf8');

      expect(loader).toContain('"m":["./client-AbC123.js"]');
      expect(loader).toContain('"h":"interaction"');
    });
  });

  describe('budget', () => {
    it('when the fragment is within its budget, nothing is reported', () => {
      expect(build.sizes.jsBytes).toBeGreaterThan(0);
      expect(overBudget(build)).toEqual([]);
      expect(existsSync(join(assetsDir, 'podlet-client.json'))).toBe(true);
    });

    it('when the fragment grows past its budget, the fragment and both figures are named', () => {
      const grown = { ...build, sizes: { ...build.sizes, jsBytes: 20_480, cssBytes: 2_048 } };

      expect(overBudget(grown)).toEqual([
        'demo-fragment: JS 20.0 KiB > budget 9.8 KiB',
        'demo-fragment: CSS 2.0 KiB > budget 1.0 KiB',
      ]);
    });
  });
});
