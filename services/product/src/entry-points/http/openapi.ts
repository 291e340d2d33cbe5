import { z } from 'zod';
import { PREVIEW_COOKIE } from '@storefront/auth';
import {
  lookupProductsRequest,
  lookupProductsResponse,
  reserveStockRequest,
  sitemapEntries,
  sitemapEntriesQuery,
  slugSchema,
  stockReservation,
} from '@storefront/contracts';
import {
  createServiceOpenApi,
  INTERNAL_TAG,
  jsonBody,
  jsonResponse,
  problemResponses,
  security,
  setCookieHeader,
  type OpenApiDocument,
} from '@storefront/service-kit';
import { PREVIEW_HEADER } from './audience.js';
import {
  categoryList,
  categoryParams,
  categoryView,
  changeStockRequest,
  createCategoryRequest,
  createProductRequest,
  managedProductListQuery,
  previewTokenResponse,
  productIdParams,
  productListQuery,
  productListResponse,
  productView,
  renameCategoryRequest,
  updateProductRequest,
} from '@storefront/contracts';

// Named components: each copy is registered once (zod's global registry), when this module loads.
const views = {
  product: productView.meta({ id: 'ProductView' }),
  productList: productListResponse.meta({ id: 'ProductListResponse' }),
  category: categoryView.meta({ id: 'CategoryView' }),
  categoryList: categoryList.meta({ id: 'CategoryList' }),
  previewToken: previewTokenResponse.meta({ id: 'PreviewTokenResponse' }),
  lookup: lookupProductsResponse.meta({ id: 'LookupProductsResponse' }),
  reservation: stockReservation.meta({ id: 'StockReservation' }),
  sitemap: sitemapEntries.meta({ id: 'SitemapEntries' }),
};
const bodies = {
  createProduct: createProductRequest.meta({ id: 'CreateProductRequest' }),
  updateProduct: updateProductRequest.meta({ id: 'UpdateProductRequest' }),
  changeStock: changeStockRequest.meta({ id: 'ChangeStockRequest' }),
  createCategory: createCategoryRequest.meta({ id: 'CreateCategoryRequest' }),
  renameCategory: renameCategoryRequest.meta({ id: 'RenameCategoryRequest' }),
  lookup: lookupProductsRequest.meta({ id: 'LookupProductsRequest' }),
  reserve: reserveStockRequest.meta({ id: 'ReserveStockRequest' }),
};

const slugParams = z.object({ slug: slugSchema });
// Parameters are documented one by one from an object: the editors' query is the public one `.and()` a status.
const managedListQuery = z.object({
  ...managedProductListQuery.def.left.shape,
  ...managedProductListQuery.def.right.shape,
});
const orderParams = z.object({ orderId: z.uuid() });

/** Drafts: an editor's session or a preview token (header or cookie) shows them on the public routes. */
const previewHeader = z.object({
  [PREVIEW_HEADER]: z.string().optional().meta({ description: 'A preview token: drafts are shown too' }),
});
const previewCookie = z.object({
  [PREVIEW_COOKIE]: z.string().optional().meta({ description: 'The preview token as a cookie' }),
});
const publicRead = {
  security: security.optionalSession,
  description:
    'Published products for everyone; editors, admins and holders of a preview token also see drafts, answered ' +
    '`Cache-Control: private, no-store`. Public answers are `public, max-age=1` (stale while revalidating) with an ETag.',
};

const serviceProblems = {
  401: 'No valid service token for the product service',
  403: 'The calling service may not call this route',
} as const;
const editorProblems = { 401: true, 403: 'Not an editor or admin, or the CSRF pair is missing' } as const;

/** The product service's API: the public catalog, the editors' API and the internal stock calls. */
export function productOpenApi(): OpenApiDocument {
  return createServiceOpenApi({
    title: 'Storefront product service',
    description:
      'The catalog, its editing and stock reservations. Errors are RFC 7807 problem+json. `/products/lookup` and ' +
      '`/products/reservations` are internal (the order service); the gateway does not route them.',
    paths: {
      '/products': {
        get: {
          tags: ['catalog'],
          summary:
            'A page of products: page/pageSize or cursor/limit paging, filters, full-text search, sort',
          ...publicRead,
          requestParams: { query: productListQuery, header: previewHeader, cookie: previewCookie },
          responses: {
            200: jsonResponse('A page; `nextCursor` is null on the last one', views.productList),
            ...problemResponses({ 400: true }),
          },
        },
        post: {
          tags: ['editors'],
          summary: 'Create a product (a draft unless `status` says otherwise)',
          security: security.sessionWithCsrf,
          requestBody: jsonBody(bodies.createProduct),
          responses: {
            201: jsonResponse('Created', views.product, {
              headers: z.object({ Location: z.string().meta({ example: '/products/manage/{id}' }) }),
            }),
            ...problemResponses({
              400: true,
              ...editorProblems,
              409: 'Another product already has this slug',
            }),
          },
        },
      },
      '/products/categories': {
        get: {
          tags: ['catalog'],
          summary: 'Every category',
          responses: { 200: jsonResponse('The categories (`public, max-age=1`)', views.categoryList) },
        },
        post: {
          tags: ['editors'],
          summary: 'Create a category',
          security: security.sessionWithCsrf,
          requestBody: jsonBody(bodies.createCategory),
          responses: {
            201: jsonResponse('Created', views.category),
            ...problemResponses({ 400: true, ...editorProblems, 409: 'A category with this slug exists' }),
          },
        },
      },
      '/products/categories/{slug}': {
        patch: {
          tags: ['editors'],
          summary: 'Rename a category (the slug stays)',
          security: security.sessionWithCsrf,
          requestParams: { path: categoryParams },
          requestBody: jsonBody(bodies.renameCategory),
          responses: {
            200: jsonResponse('Renamed', views.category),
            ...problemResponses({ 400: true, ...editorProblems, 404: 'There is no such category' }),
          },
        },
      },
      '/products/lookup': {
        post: {
          tags: [INTERNAL_TAG],
          security: security.service,
          summary: 'Current prices of the given products, straight from the database (the order service)',
          requestBody: jsonBody(bodies.lookup),
          responses: {
            200: jsonResponse('The products found (`no-store`); unknown ids are left out', views.lookup),
            ...problemResponses({ 400: true, ...serviceProblems }),
          },
        },
      },
      '/products/sitemap.json': {
        get: {
          tags: ['catalog'],
          summary: 'Published slugs in slug order, a batch at a time, for sitemap.xml',
          requestParams: { query: sitemapEntriesQuery },
          responses: {
            200: jsonResponse(
              'A batch and the number of published products (`public, max-age=30`)',
              views.sitemap,
            ),
            ...problemResponses({ 400: true }),
          },
        },
      },
      '/products/images/{slug}.svg': {
        get: {
          tags: ['catalog'],
          summary: "A product's placeholder image",
          ...publicRead,
          requestParams: { path: slugParams, header: previewHeader, cookie: previewCookie },
          responses: {
            200: {
              description: 'The image (`public, max-age=3600`)',
              content: { 'image/svg+xml': { schema: { type: 'string' } } },
            },
            ...problemResponses({ 400: true, 404: 'There is no such product (for this audience)' }),
          },
        },
      },
      '/products/{slug}': {
        get: {
          tags: ['catalog'],
          summary: 'One product',
          ...publicRead,
          requestParams: { path: slugParams, header: previewHeader, cookie: previewCookie },
          responses: {
            200: jsonResponse('The product', views.product),
            ...problemResponses({ 400: true, 404: 'There is no such product (for this audience)' }),
          },
        },
      },
      '/products/manage': {
        get: {
          tags: ['editors'],
          summary: 'The listing of every status: the public query plus `status`',
          security: security.session,
          requestParams: { query: managedListQuery },
          responses: {
            200: jsonResponse('A page (`private, no-store`)', views.productList),
            ...problemResponses({ 400: true, 401: true, 403: 'Not an editor or admin' }),
          },
        },
      },
      '/products/manage/{id}': {
        get: {
          tags: ['editors'],
          summary: 'One product, any status',
          security: security.session,
          requestParams: { path: productIdParams },
          responses: {
            200: jsonResponse('The product', views.product),
            ...problemResponses({ 400: true, 401: true, 403: 'Not an editor or admin', 404: true }),
          },
        },
        patch: {
          tags: ['editors'],
          summary: 'Change any field: publish or archive through `status`, `stock` too',
          security: security.sessionWithCsrf,
          requestParams: { path: productIdParams },
          requestBody: jsonBody(bodies.updateProduct),
          responses: {
            200: jsonResponse('The changed product', views.product),
            ...problemResponses({
              400: true,
              ...editorProblems,
              404: true,
              409: 'Another product already has this slug',
            }),
          },
        },
        delete: {
          tags: ['editors'],
          summary: 'Delete a product for good (archive it to keep it)',
          security: security.sessionWithCsrf,
          requestParams: { path: productIdParams },
          responses: {
            204: { description: 'Deleted' },
            ...problemResponses({ 400: true, ...editorProblems, 404: true }),
          },
        },
      },
      '/products/manage/{id}/stock': {
        patch: {
          tags: ['editors'],
          summary: 'Set the stock (`{stock}`) or move it (`{delta}`)',
          security: security.sessionWithCsrf,
          requestParams: { path: productIdParams },
          requestBody: jsonBody(bodies.changeStock),
          responses: {
            200: jsonResponse('The changed product', views.product),
            ...problemResponses({
              400: true,
              ...editorProblems,
              404: true,
              409: 'Stock cannot go below zero',
            }),
          },
        },
      },
      '/products/preview-token': {
        post: {
          tags: ['editors'],
          summary: 'A token to preview drafts on the real pages for an hour',
          security: security.sessionWithCsrf,
          responses: {
            201: jsonResponse('The token, also set as the HttpOnly `sf_preview` cookie', views.previewToken, {
              headers: setCookieHeader('The `sf_preview` cookie'),
            }),
            ...problemResponses(editorProblems),
          },
        },
        delete: {
          tags: ['editors'],
          summary: 'Leave preview mode: clears the `sf_preview` cookie (no role needed)',
          security: security.csrf,
          responses: {
            204: { description: 'Cleared', headers: setCookieHeader('Clears the `sf_preview` cookie') },
            ...problemResponses({ 403: 'The CSRF pair is missing or wrong' }),
          },
        },
      },
      '/products/reservations': {
        post: {
          tags: [INTERNAL_TAG],
          security: security.service,
          summary: 'Hold stock for one order, all lines or none; idempotent per order id (the order service)',
          requestBody: jsonBody(bodies.reserve),
          responses: {
            200: jsonResponse('This order already holds this reservation', views.reservation),
            201: jsonResponse('Reserved', views.reservation),
            ...problemResponses({
              400: true,
              ...serviceProblems,
              409: 'A product is short of stock or not for sale',
            }),
          },
        },
      },
      '/products/reservations/{orderId}': {
        delete: {
          tags: [INTERNAL_TAG],
          security: security.service,
          summary: "Give an order's reserved stock back (idempotent)",
          requestParams: { path: orderParams },
          responses: {
            204: { description: 'Released (or nothing was held)' },
            ...problemResponses({ 400: true, ...serviceProblems }),
          },
        },
      },
    },
  });
}
