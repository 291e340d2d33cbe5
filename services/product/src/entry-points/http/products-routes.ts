import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { lookupProductsRequest, slugSchema } from '@storefront/contracts';
import {
  parseBody,
  parseParams,
  parseQuery,
  serviceRouter,
  type SessionRegistry,
} from '@storefront/service-kit';
import type { CatalogDependencies } from '../../domain/catalog-dependencies.js';
import { getProduct } from '../../domain/get-product.js';
import { listCategories } from '../../domain/list-categories.js';
import { listProducts } from '../../domain/list-products.js';
import { lookupProducts } from '../../domain/lookup-products.js';
import type { PreviewTokens } from '../../domain/preview-token.js';
import { renderProductImage } from '../../domain/product-image.js';
import { cachePublicly } from './public-cache.js';
import { audienceOf, cacheFor } from './audience.js';
import { productListQuery, sitemapEntriesQuery } from '@storefront/contracts';
import { listSitemapEntries } from '../../domain/list-sitemap-entries.js';

const slugParams = z.object({ slug: slugSchema });

// Images change only when an editor renames or moves a product, so they may live longer than the JSON.
const IMAGE_MAX_AGE_SECONDS = 3600;
const IMAGE_STALE_SECONDS = 86_400;

export interface PublicCatalogDependencies extends CatalogDependencies {
  preview: PreviewTokens;
  sessionRegistry: SessionRegistry;
}

export function productsRoutes(deps: PublicCatalogDependencies, onlyServices: RequestHandler): Router {
  const router = serviceRouter();

  router.get('/', async (req, res) => {
    const query = parseQuery(productListQuery, req);
    const audience = await audienceOf(req, deps);
    const page = await listProducts(deps, query, audience);
    cacheFor(res, audience);
    res.json(page);
  });

  router.get('/categories', async (_req, res) => {
    const categories = await listCategories(deps);
    cachePublicly(res);
    res.json(categories);
  });

  // An internal read for the order service (its service token): it changes nothing, so it needs no CSRF token, and
  // its prices must never be served from a shared cache.
  router.post('/lookup', onlyServices, async (req, res) => {
    const found = await lookupProducts(deps.products, parseBody(lookupProductsRequest, req));
    res.set('Cache-Control', 'no-store');
    res.json(found);
  });

  // Before /:slug; a slug never holds a dot, so no product can shadow it.
  router.get('/sitemap.json', async (req, res) => {
    const entries = await listSitemapEntries(deps.products, parseQuery(sitemapEntriesQuery, req));
    cachePublicly(res);
    res.json(entries);
  });

  router.get('/images/:slug.svg', async (req, res) => {
    const { slug } = parseParams(slugParams, req);
    const audience = await audienceOf(req, deps);
    const product = await getProduct(deps, slug, audience);
    cacheFor(res, audience, IMAGE_MAX_AGE_SECONDS, IMAGE_STALE_SECONDS);
    res.type('image/svg+xml').send(renderProductImage(product));
  });

  router.get('/:slug', async (req, res) => {
    const { slug } = parseParams(slugParams, req);
    const audience = await audienceOf(req, deps);
    const product = await getProduct(deps, slug, audience);
    cacheFor(res, audience);
    res.json(product);
  });

  return router;
}
