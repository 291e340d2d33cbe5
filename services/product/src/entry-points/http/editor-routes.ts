import type { Request, RequestHandler, Router } from 'express';
import type { z } from 'zod';
import { PREVIEW_COOKIE } from '@storefront/auth';
import {
  parseBody,
  parseParams,
  parseQuery,
  requireCsrf,
  requireRole,
  serviceRouter,
} from '@storefront/service-kit';
import type { CatalogDependencies, CatalogWriteDependencies } from '../../domain/catalog-dependencies.js';
import { changeStock } from '../../domain/change-stock.js';
import { createProduct } from '../../domain/create-product.js';
import { deleteProduct } from '../../domain/delete-product.js';
import { updateProduct } from '../../domain/update-product.js';
import { getManagedProduct } from '../../domain/get-managed-product.js';
import { listManagedProducts } from '../../domain/list-managed-products.js';
import { createCategory, renameCategory } from '../../domain/manage-categories.js';
import { PREVIEW_TOKEN_TTL_SECONDS, type PreviewTokens } from '../../domain/preview-token.js';
import { formAwareBody } from './form-body.js';
import {
  categoryParams,
  changeStockRequest,
  createCategoryRequest,
  createProductRequest,
  managedProductListQuery,
  productIdParams,
  renameCategoryRequest,
  updateProductRequest,
} from '@storefront/contracts';

export interface EditorDependencies extends CatalogDependencies, Omit<CatalogWriteDependencies, 'cache'> {
  preview: PreviewTokens;
  cookieSecure: boolean;
}

/** The body, read through the schema; a browser form's text fields become the numbers the schema expects. */
function parseEditorBody<T>(schema: z.ZodType<T>, req: Request, blankMeansAbsent?: readonly string[]): T {
  req.body = formAwareBody(req, { blankMeansAbsent });
  return parseBody(schema, req);
}

/**
 * Signed in with the editor or admin role (401 otherwise, 403 for other roles). The role is the account's current
 * one: the session reader asks the session registry on every request of an editor's or admin's session.
 */
const editorsOnly: RequestHandler = (req, _res, next) => {
  requireRole(req, 'editor', 'admin');
  next();
};

// Who first, then the CSRF pair on anything that changes state (GETs pass requireCsrf untouched).
const guard = [editorsOnly, requireCsrf];

// Editor answers are per person and change with every edit.
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'private, no-store');
  next();
};

/**
 * The editors' catalog API. Mounted on /products before the public routes; it claims only its own paths
 * (/manage…, POST /, /preview-token, writes on /categories), all of them reserved as product slugs.
 */
export function editorRoutes(deps: EditorDependencies): Router {
  const router = serviceRouter();

  router.use('/manage', noStore, ...guard);

  router.get('/manage', async (req, res) => {
    res.json(await listManagedProducts(deps, parseQuery(managedProductListQuery, req)));
  });

  router.post('/', noStore, ...guard, async (req, res) => {
    const product = await createProduct(deps, parseEditorBody(createProductRequest, req, ['stock']));
    res.status(201).location(`/products/manage/${product.id}`).json(product);
  });

  router.get('/manage/:id', async (req, res) => {
    res.json(await getManagedProduct(deps, parseParams(productIdParams, req).id));
  });

  router.patch('/manage/:id', async (req, res) => {
    const { id } = parseParams(productIdParams, req);
    res.json(await updateProduct(deps, id, parseEditorBody(updateProductRequest, req)));
  });

  router.patch('/manage/:id/stock', async (req, res) => {
    const { id } = parseParams(productIdParams, req);
    res.json(await changeStock(deps, id, parseEditorBody(changeStockRequest, req)));
  });

  router.delete('/manage/:id', async (req, res) => {
    await deleteProduct(deps, parseParams(productIdParams, req).id);
    res.status(204).end();
  });

  /** A token to preview drafts on the real pages for an hour: in the answer and as the sf_preview cookie. */
  router.post('/preview-token', noStore, ...guard, (req, res) => {
    const { token, expiresAt } = deps.preview.mint(req.user!);
    res
      .cookie(PREVIEW_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.cookieSecure,
        path: '/',
        maxAge: PREVIEW_TOKEN_TTL_SECONDS * 1000,
      })
      .status(201)
      .json({ token, expiresAt: expiresAt.toISOString() });
  });

  /** Leaves preview mode. Anyone may drop their own cookie; the CSRF pair keeps other sites from doing it. */
  router.delete('/preview-token', noStore, requireCsrf, (_req, res) => {
    res
      .clearCookie(PREVIEW_COOKIE, { httpOnly: true, sameSite: 'lax', secure: deps.cookieSecure, path: '/' })
      .status(204)
      .end();
  });

  router.post('/categories', noStore, ...guard, async (req, res) => {
    const category = await createCategory(deps, parseBody(createCategoryRequest, req));
    res.status(201).json(category);
  });

  router.patch('/categories/:slug', noStore, ...guard, async (req, res) => {
    const { slug } = parseParams(categoryParams, req);
    res.json(await renameCategory(deps, slug, parseBody(renameCategoryRequest, req)));
  });

  return router;
}
