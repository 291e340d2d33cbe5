import { problems } from '@storefront/service-kit';
import type { ProductView } from '@storefront/contracts';
import type { CatalogDependencies } from './catalog-dependencies.js';
import { toProductView } from './product-summary.js';

/** Any product by id, whatever its status, for the editor's form. */
export async function getManagedProduct(
  deps: Pick<CatalogDependencies, 'products'>,
  id: string,
): Promise<ProductView> {
  const record = await deps.products.findById(id);
  if (!record) throw problems.notFound(`There is no product ${id}.`);
  return toProductView(record);
}
