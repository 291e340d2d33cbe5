import { problems } from '@storefront/service-kit';
import type { ChangeStockRequest, ProductView } from '@storefront/contracts';
import type { CatalogWriteDependencies } from './catalog-dependencies.js';
import { afterWrite, editorWrite, stockChangedEvent } from './catalog-write.js';
import { toProductView } from './product-summary.js';

/**
 * An editor sets the stock to a counted figure or moves it by a delta. A delta applies to the stock as it is when
 * the row is locked, so it composes with concurrent reservations; stock never goes below zero (409).
 */
export async function changeStock(
  deps: CatalogWriteDependencies,
  id: string,
  request: ChangeStockRequest,
): Promise<ProductView> {
  const { before, after } = await editorWrite(() =>
    deps.writer.transaction(async (tx) => {
      const current = await tx.lockProduct(id);
      if (!current) throw problems.notFound(`There is no product ${id}.`);
      const delta = 'delta' in request ? request.delta : request.stock - current.stock;
      if (delta === 0) return { before: current, after: current };
      const updated = await tx.adjustStock(id, delta);
      await tx.appendEvents([stockChangedEvent(updated)]);
      return { before: current, after: updated };
    }),
  );
  if (before !== after) await afterWrite(deps, [after.slug]);
  return toProductView(after);
}
