import type { SessionVerifier } from '@storefront/auth';
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
  /** Reads `sf_session`: visitors who are not editors get the "not allowed" view without asking the service. */
  sessionVerifier?: SessionVerifier;
}

export function catalogPodlet(options: CatalogPodletOptions): PodletAppOptions {
  return {
    name: PODLET_NAME,
    version: '0.1.0',
    logger: options.logger,
    assets: viteAssets(options.clientDir, 'src/entry-client.ts'),
    // Each answer says itself whether it is public (the shop's pages) or private (editor views, previews).
    content: catalogContent({ productServiceUrl: options.productServiceUrl, render: options.render }),
    fallback: catalogFallback,
    ...(options.sessionVerifier ? { sessionVerifier: options.sessionVerifier } : {}),
  };
}
