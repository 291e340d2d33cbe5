import { problems } from '@storefront/service-kit';
import type { CatalogWriteDependencies } from './catalog-dependencies.js';
import { afterWrite, editorWrite, productEvent } from './catalog-write.js';

/**
 * Removes a product for good (archiving keeps it for the records). Orders keep their own copy of what they sold,
 * and a later release of its reserved stock finds no row and changes nothing.
 */
export async function deleteProduct(deps: CatalogWriteDependencies, id: string): Promise<void> {
  const deleted = await editorWrite(() =>
    deps.writer.transaction(async (tx) => {
      const current = await tx.lockProduct(id);
      if (!current) throw problems.notFound(`There is no product ${id}.`);
      await tx.deleteProduct(id);
      await tx.appendEvents([productEvent('product.deleted', current)]);
      return current;
    }),
  );
  await afterWrite(deps, [deleted.slug]);
}
