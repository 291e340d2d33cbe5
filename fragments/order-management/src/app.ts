import { viteAssets, type PodletAppOptions } from '@storefront/podlet-kit';
import type { Logger } from '@storefront/service-kit';
import { cartContent } from './cart-page.js';
import { cartFallback } from './fallback.js';
import type { RenderCart } from './render-contract.js';

export const PODLET_NAME = 'order-management';

export interface CartPodletOptions {
  logger: Logger;
  /** The Vite client build (dist/client). */
  clientDir: string;
  render: RenderCart;
}

export function cartPodlet(options: CartPodletOptions): PodletAppOptions {
  return {
    name: PODLET_NAME,
    version: '0.1.0',
    logger: options.logger,
    assets: viteAssets(options.clientDir, 'src/entry-client.tsx'),
    // The cart is the visitor's own (from their cookie): never stored by a shared cache (the kit's default).
    content: cartContent(options.render),
    fallback: cartFallback,
  };
}
