import { Router } from 'express';
import { z } from 'zod';
import { listProductsQuery, lookupProductsRequest, slugSchema } from '@storefront/contracts';
import { parseBody, parseParams, parseQuery } from '@storefront/service-kit';
import type { CatalogDependencies } from '../../domain/catalog-dependencies.js';
import { getProduct } from '../../domain/get-product.js';
import { listProducts } from '../../domain/list-products.js';
import { lookupProducts } from '../../domain/lookup-products.js';
import { renderProductImage } from '../../domain/product-image.js';
import { cachePublicly } from './public-cache.js';

const slugParams = z.object({ slug: slugSchema });

// Images change only when an editor renames or moves a product, so they may live longer than the JSON.
const IMAGE_MAX_AGE_SECONDS = 3600;
const IMAGE_STALE_SECONDS = 86_400;

export function productsRoutes(deps: CatalogDependencies): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const page = await listProducts(deps, parseQuery(listProductsQuery, req));
    cachePublicly(res);
    res.json(page);
  });

  // An internal read for the order service: it changes nothing, so it needs no CSRF token, and its prices must
  // never be served from a shared cache.
  router.post('/lookup', async (req, res) => {
    const found = await lookupProducts(deps.products, parseBody(lookupProductsRequest, req));
    res.set('Cache-Control', 'no-store');
    res.json(found);
  });

  router.get('/images/:slug.svg', async (req, res) => {
    const { slug } = parseParams(slugParams, req);
    const product = await getProduct(deps, slug);
    cachePublicly(res, IMAGE_MAX_AGE_SECONDS, IMAGE_STALE_SECONDS);
    res.type('image/svg+xml').send(renderProductImage(product));
  });

  router.get('/:slug', async (req, res) => {
    const { slug } = parseParams(slugParams, req);
    const product = await getProduct(deps, slug);
    cachePublicly(res);
    res.json(product);
  });

  return router;
}
