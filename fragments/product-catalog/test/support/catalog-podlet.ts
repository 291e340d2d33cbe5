import type { SessionVerifier } from '@storefront/auth';
import { createPodletApp } from '@storefront/podlet-kit';
import { createLogger, startAppForTest } from '@storefront/service-kit';
import { catalogPodlet } from '../../src/app.js';
import { clientDir, loadBuiltRenderer } from './built-podlet.js';

/** The built podlet in-process, against the given product service. */
export async function startCatalog(productServiceUrl: string, sessionVerifier?: SessionVerifier) {
  const app = createPodletApp(
    catalogPodlet({
      productServiceUrl,
      logger: createLogger('product-catalog', 'silent'),
      clientDir,
      render: await loadBuiltRenderer(),
      ...(sessionVerifier ? { sessionVerifier } : {}),
    }),
  );
  return startAppForTest(app);
}

export interface CatalogSlice {
  products: { id: string; name: string }[];
  page: number;
  pageSize: number;
  total: number;
}

export function catalogSlice(html: string): CatalogSlice {
  const match = /<script type="application\/json" data-store-slice="catalog">(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no catalog slice in the HTML');
  return JSON.parse(match[1]!) as CatalogSlice;
}

export function catalogView(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" data-catalog-view>(.*?)<\/script>/s.exec(html);
  if (!match) throw new Error('no catalog view in the HTML');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

/** The product names of the grid cards, in order, as the visitor reads them. */
export function cardNames(html: string): string[] {
  return [...html.matchAll(/<h([23]) class="product-name"[^>]*><a [^>]*>(.*?)<\/a><\/h\1>/gs)].map(
    (m) => m[2]!,
  );
}
