import { viteAssets, type PodletAppOptions } from '@storefront/podlet-kit';
import type { Logger } from '@storefront/service-kit';
import { catalogContent } from './catalog-page.js';
import { catalogFallback } from './fallback.js';
import type { RenderCatalog } from './render-contract.js';

export const PODLET_NAME = 'product-catalog';

export interface CatalogPodletOptions {
  productServiceUrl: string;
  logger: Logger;
  /** The Vite client build (dist/client). */
  clientDir: string;
  render: RenderCatalog;
}

export function catalogPodlet(options: CatalogPodletOptions): PodletAppOptions {
  return {
    name: PODLET_NAME,
    version: '0.1.0',
    logger: options.logger,
    assets: viteAssets(options.clientDir, 'src/entry-client.ts'),
    // The listing is the same for every visitor: nginx may cache it briefly and serve it stale while refreshing.
    contentCacheControl: 'public, max-age=30, stale-while-revalidate=60',
    content: catalogContent({ productServiceUrl: options.productServiceUrl, render: options.render }),
    fallback: catalogFallback,
  };
}
