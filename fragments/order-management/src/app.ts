import { viteAssets, type PodletAppOptions } from '@storefront/podlet-kit';
import type { Logger } from '@storefront/service-kit';
import { cartFallback } from './fallback.js';
import { pageContent } from './page.js';
import type { RenderPage } from './render-contract.js';

export const PODLET_NAME = 'order-management';

export interface OrderPodletOptions {
  logger: Logger;
  /** The Vite client build (dist/client). */
  clientDir: string;
  render: RenderPage;
  orderServiceUrl: string;
  userServiceUrl: string;
  upstreamTimeoutMs?: number;
}

export function orderPodlet(options: OrderPodletOptions): PodletAppOptions {
  return {
    name: PODLET_NAME,
    version: '0.1.0',
    logger: options.logger,
    assets: viteAssets(options.clientDir, 'src/entry-client.tsx'),
    // Cart, checkout and orders are the visitor's own: `private, no-store` on every page.
    content: pageContent({
      render: options.render,
      orderServiceUrl: options.orderServiceUrl,
      userServiceUrl: options.userServiceUrl,
      ...(options.upstreamTimeoutMs ? { upstreamTimeoutMs: options.upstreamTimeoutMs } : {}),
    }),
    fallback: cartFallback,
  };
}
