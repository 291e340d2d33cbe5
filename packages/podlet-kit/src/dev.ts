// `npm run dev` (scripts/dev.mjs): a podlet runs from its TypeScript source (tsx, restarted when its server code
// changes) and renders its templates through Vite's SSR dev server, so a saved template shows on the next render.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The part of Vite's dev server used here (Vite is each podlet's own dev dependency, loaded only in dev). */
export interface ViteDevServer {
  ssrLoadModule(url: string): Promise<Record<string, unknown>>;
  moduleGraph: { onFileChange(file: string): void };
  watcher: { on(event: 'change' | 'add' | 'unlink', listener: (file: string) => void): unknown };
  close(): Promise<void>;
}
export interface ViteModule {
  createServer(config: object): Promise<ViteDevServer>;
}

/**
 * The podlet's folder, from its server module's URL: `dist/server/server.js` when built, `src/server.ts` when
 * `npm run dev` runs the source.
 */
export function podletRoot(serverModuleUrl: string): string {
  const file = fileURLToPath(serverModuleUrl);
  return file.endsWith('.ts') ? dirname(dirname(file)) : dirname(dirname(dirname(file)));
}

/** Where the podlet's builds are (dist/), whichever way it runs: dev mode still serves the built browser assets. */
export const podletDist = (serverModuleUrl: string) => join(podletRoot(serverModuleUrl), 'dist');

/**
 * The podlet's render function from its source, through Vite's SSR dev server in middleware mode (no HTTP server,
 * no HMR socket). `entry` is loaded again through Vite's module graph whenever a file is saved; each call renders
 * with the latest copy, synchronously when the podlet's own render is (Solid's is, Vue's is not).
 */
export async function viteSourceRender<Render>(
  vite: ViteModule,
  root: string,
  entry: string,
): Promise<{ render: Render; close: () => Promise<void> }> {
  const server = await vite.createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    // Evaluated by Vite's module runner: no bundled copy written next to it for Node to import (a watcher that
    // restarts the podlet on what Node imported would see that copy come and go, and restart it again and again).
    configLoader: 'runner',
    appType: 'custom',
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  type AnyRender = (...parameters: unknown[]) => unknown;
  const load = async () => (await server.ssrLoadModule(entry)).render as AnyRender;
  let current = await load();
  // One load at a time, each after its own save's invalidation: a slow load of an older save never wins.
  let loading: Promise<void> = Promise.resolve();
  const loadedVersions = new Map<string, string>();
  let closed = false;
  const reload = (file: string) => {
    if (closed) return;
    loadedVersions.set(file, versionOf(file));
    loading = loading.then(async () => {
      server.moduleGraph.onFileChange(file);
      try {
        current = await load();
      } catch (error) {
        // A save that does not compile yet: keep rendering the last good copy until the next save.
        console.error(`[dev] ${entry} failed to load: ${String(error)}`);
      }
    });
    // Vite's watcher (chokidar) drops a change of a file that comes within 50 ms of the last one it reported — a
    // formatter writing right after the editor, say. One more look after that window catches it.
    setTimeout(() => {
      if (versionOf(file) !== loadedVersions.get(file)) reload(file);
    }, UNREPORTED_CHANGE_MS).unref();
  };
  for (const event of ['change', 'add', 'unlink'] as const) server.watcher.on(event, reload);
  const render = ((...args: unknown[]) => current(...args)) as Render;
  return {
    render,
    close: async () => {
      closed = true;
      await loading;
      await server.close();
    },
  };
}

/** Longer than the watcher's 50 ms window for a file's changes. */
const UNREPORTED_CHANGE_MS = 100;

/** What tells one save of a file from the next (nothing, once it is gone). */
function versionOf(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return '';
  }
}
