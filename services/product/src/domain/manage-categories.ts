import { problems } from '@storefront/service-kit';
import type { CategoryView, CreateCategoryRequest, RenameCategoryRequest } from '@storefront/contracts';
import type { CatalogWriteDependencies } from './catalog-dependencies.js';
import { afterWrite, editorWrite } from './catalog-write.js';

/** A new category for products to go in; its slug is taken for good (409 when it exists). */
export async function createCategory(
  deps: CatalogWriteDependencies,
  request: CreateCategoryRequest,
): Promise<CategoryView> {
  const category = await editorWrite(() =>
    deps.writer.transaction((tx) => tx.insertCategory(request.slug, request.name)),
  );
  await afterWrite(deps, []);
  return category;
}

/** A new display name; the slug (what products point at and URLs carry) stays. */
export async function renameCategory(
  deps: CatalogWriteDependencies,
  slug: string,
  request: RenameCategoryRequest,
): Promise<CategoryView> {
  const category = await deps.writer.transaction((tx) => tx.renameCategory(slug, request.name));
  if (!category) throw problems.notFound(`There is no category "${slug}".`);
  await afterWrite(deps, []);
  return category;
}
