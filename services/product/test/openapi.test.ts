import { describe, expect, it } from 'vitest';
import { createLogger, expressRoutes } from '@storefront/service-kit';
import { openApiDocumentChecks } from '@storefront/service-kit/testing';
import { createProductApp, type ProductAppDependencies } from '../src/app.js';
import { startProductService } from './support/product-service.js';

/** The app as server.ts builds it, for its router only: nothing here is called. */
function routerOnlyApp() {
  const unused = {} as never;
  return createProductApp({
    logger: createLogger('product-openapi-test', 'silent'),
    readiness: {},
    cookieSecure: true,
    products: unused,
    cache: unused,
    stock: unused,
    writer: unused,
    verifier: unused,
    preview: unused,
    sessionRegistry: unused,
    serviceTokens: unused,
  } satisfies ProductAppDependencies);
}

const parameterNames = (operation: { parameters?: unknown[] } | undefined, where: string) =>
  (operation?.parameters ?? [])
    .map((parameter) => parameter as { in: string; name: string })
    .filter((parameter) => parameter.in === where)
    .map((parameter) => parameter.name);

describe('the OpenAPI document', () => {
  const document = openApiDocumentChecks({
    start: startProductService,
    routes: () => expressRoutes(routerOnlyApp()),
  });

  it('describes the listing query, the preview token, editor security and problem answers', () => {
    const listing = document().paths?.['/products']?.get;
    expect(parameterNames(listing, 'query')).toEqual([
      'page',
      'pageSize',
      'cursor',
      'limit',
      'category',
      'minPrice',
      'maxPrice',
      'q',
      'sort',
      'featured',
    ]);
    expect(parameterNames(listing, 'header')).toEqual(['x-preview-token']);
    expect(parameterNames(listing, 'cookie')).toEqual(['sf_preview']);
    expect(parameterNames(document().paths?.['/products/manage']?.get, 'query')).toContain('status');
    expect(parameterNames(document().paths?.['/products/images/{slug}.svg']?.get, 'path')).toEqual(['slug']);

    const create = document().paths?.['/products']?.post;
    expect(create?.security).toEqual([{ sessionCookie: [], csrfHeader: [], csrfCookie: [] }]);
    expect(create?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateProductRequest' } } },
    });
    for (const status of ['400', '401', '403', '409']) {
      expect(create?.responses?.[status]).toMatchObject({
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    // The internal calls need no session or CSRF pair but the calling service's token.
    expect(document().paths?.['/products/reservations']?.post?.security).toEqual([{ serviceToken: [] }]);
    expect(document().paths?.['/products/lookup']?.post?.security).toEqual([{ serviceToken: [] }]);
  });
});
