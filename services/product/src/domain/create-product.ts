import type { CreateProductRequest, ProductView } from '@storefront/contracts';
import type { CatalogWriteDependencies } from './catalog-dependencies.js';
import { afterWrite, editorWrite, productEvent } from './catalog-write.js';
import { toProductView } from './product-summary.js';

/** A new product (a draft unless told otherwise); product.created, and product.published when it goes live at once. */
export async function createProduct(
  deps: CatalogWriteDependencies,
  request: CreateProductRequest,
): Promise<ProductView> {
  const product = await editorWrite(() =>
    deps.writer.transaction(async (tx) => {
      const created = await tx.insertProduct(request);
      const events = [productEvent('product.created', created)];
      if (created.status === 'published') events.push(productEvent('product.published', created));
      await tx.appendEvents(events);
      return created;
    }),
  );
  await afterWrite(deps, [product.slug]);
  return toProductView(product);
}
