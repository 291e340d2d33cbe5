import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { runServer } from '@storefront/service-kit';
import { createPodletApp, type PodletAppOptions } from './podlet-app.js';

export interface PodletServerOptions extends PodletAppOptions {
  port: number;
  host: string;
  onShutdown?: () => Promise<void>;
  /** Pages rendered once at start, before /readyz says ready; the podlet's own root when absent. */
  warmUpPaths?: string[];
}

const WARM_UP_TIMEOUT_MS = 10_000;

/** Where the podlet can reach itself: a server bound to every address is reached over loopback. */
function selfOrigin({ address, port }: AddressInfo): string {
  if (address === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (address === '::') return `http://[::1]:${port}`;
  return address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/**
 * A fresh process's first render (compiling the SSR bundle, first upstream connections) takes several times the
 * page's time budget, so the first visitor after a start or a rollout would get the fallback. Rendering once before
 * reporting ready spends that on nobody. Whatever the outcome, it is done once: an upstream that is down makes the
 * page degrade, not the podlet unready.
 */
async function warmUp(origin: string, paths: string[], logger: Logger): Promise<void> {
  const started = performance.now();
  for (const path of paths) {
    try {
      const answer = await fetch(new URL(path, origin), { signal: AbortSignal.timeout(WARM_UP_TIMEOUT_MS) });
      await answer.arrayBuffer();
    } catch (error) {
      logger.warn({ err: error, path }, 'warm-up render failed; ready anyway');
    }
  }
  logger.info({ ms: Math.round(performance.now() - started) }, 'warmed up');
}

/**
 * Builds the podlet app and serves it until SIGTERM/SIGINT, then drains in-flight requests and exits. It reports
 * ready once its pages have been rendered once.
 */
export async function startPodletServer(options: PodletServerOptions): Promise<Server> {
  const { port, host, onShutdown, warmUpPaths = ['/'], ...appOptions } = options;
  let listeningAt: (origin: string) => void = () => {};
  const warmedUp = new Promise<string>((resolve) => (listeningAt = resolve)).then((origin) =>
    warmUp(origin, warmUpPaths, options.logger),
  );
  const server = await runServer({
    name: options.name,
    app: createPodletApp({ ...appOptions, readiness: { ...appOptions.readiness, warmUp: () => warmedUp } }),
    port,
    host,
    logger: options.logger,
    ...(onShutdown ? { onShutdown } : {}),
  });
  listeningAt(selfOrigin(server.address() as AddressInfo));
  return server;
}
