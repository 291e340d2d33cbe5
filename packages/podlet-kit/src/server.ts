import type { Server } from 'node:http';
import { runServer } from '@storefront/service-kit';
import { createPodletApp, type PodletAppOptions } from './podlet-app.js';

export interface PodletServerOptions extends PodletAppOptions {
  port: number;
  host: string;
  onShutdown?: () => Promise<void>;
}

/** Builds the podlet app and serves it until SIGTERM/SIGINT, then drains in-flight requests and exits. */
export function startPodletServer(options: PodletServerOptions): Promise<Server> {
  const { port, host, onShutdown, ...appOptions } = options;
  return runServer({
    name: options.name,
    app: createPodletApp(appOptions),
    port,
    host,
    logger: options.logger,
    ...(onShutdown ? { onShutdown } : {}),
  });
}
