import { makeEvent, type StorefrontEvent } from '@storefront/contracts';
import { problems, type HttpProblem } from '@storefront/service-kit';
import { CatalogConstraintError } from '../data-access/catalog-writer.js';
import type { ProductRecord } from '../data-access/products-repository.js';
import type { CatalogWriteDependencies } from './catalog-dependencies.js';

type ProductEventType = 'product.created' | 'product.updated' | 'product.published' | 'product.deleted';

export const productEvent = (type: ProductEventType, product: ProductRecord): StorefrontEvent =>
  makeEvent(type, {
    productId: product.id,
    slug: product.slug,
    status: product.status,
    featured: product.featured,
  });

export const stockChangedEvent = (product: ProductRecord): StorefrontEvent =>
  makeEvent('product.stock.changed', { productId: product.id, slug: product.slug, stock: product.stock });

/** After the commit: what the write made stale leaves the cache, and its events leave the outbox now. */
export async function afterWrite(deps: CatalogWriteDependencies, slugs: string[]): Promise<void> {
  await deps.cache.invalidate([...new Set(slugs)]);
  deps.kickRelay?.();
}

/** Runs a write; a constraint the database enforced becomes the problem the editor can act on. */
export async function editorWrite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CatalogConstraintError) throw constraintProblem(error);
    throw error;
  }
}

function constraintProblem(error: CatalogConstraintError): HttpProblem {
  switch (error.reason) {
    case 'duplicate-slug':
      return problems.conflict('Another product already has this slug.');
    case 'duplicate-category':
      return problems.conflict('A category with this slug already exists.');
    case 'unknown-category':
      return problems.badRequest('Invalid body: category is not a known category', [
        { path: 'category', message: 'is not a known category' },
      ]);
    case 'negative-stock':
      return problems.conflict('Stock cannot go below zero.');
  }
}
