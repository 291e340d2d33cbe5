import { problems } from '@storefront/service-kit';
import type { ProductView, UpdateProductRequest } from '@storefront/contracts';
import type { CatalogWriteDependencies } from './catalog-dependencies.js';
import { afterWrite, editorWrite, productEvent, stockChangedEvent } from './catalog-write.js';
import { toProductView } from './product-summary.js';

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes some of a product's fields. Events say what happened: product.updated for any change, plus
 * product.published when it went live and product.stock.changed when its stock moved. A patch that changes
 * nothing writes nothing and publishes nothing.
 */
export async function updateProduct(
  deps: CatalogWriteDependencies,
  id: string,
  patch: UpdateProductRequest,
): Promise<ProductView> {
  const { before, after } = await editorWrite(() =>
    deps.writer.transaction(async (tx) => {
      const current = await tx.lockProduct(id);
      if (!current) throw problems.notFound(`There is no product ${id}.`);
      const changes = Object.fromEntries(
        Object.entries(patch).filter(
          ([field, value]) => !sameJson(value, current[field as keyof typeof current]),
        ),
      ) as UpdateProductRequest;
      if (Object.keys(changes).length === 0) return { before: current, after: current };
      const updated = await tx.updateProduct(id, changes);
      const events = [productEvent('product.updated', updated)];
      if (updated.status === 'published' && current.status !== 'published') {
        events.push(productEvent('product.published', updated));
      }
      if (updated.stock !== current.stock) events.push(stockChangedEvent(updated));
      await tx.appendEvents(events);
      return { before: current, after: updated };
    }),
  );
  if (before !== after) await afterWrite(deps, [before.slug, after.slug]);
  return toProductView(after);
}
