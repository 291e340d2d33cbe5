// Test helpers every service shares; imported from '@storefront/service-kit/testing' by test files only.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { documentedRoutes, type OpenApiDocument, type RouteSignature } from './openapi.js';

/**
 * The checks every service's /openapi.json must pass: served to anyone and cacheable, a valid OpenAPI 3.1 document
 * whose references resolve, and listing exactly the routes the service's router has. Call it inside a describe();
 * it returns the fetched document for the service's own, more specific checks.
 */
export function openApiDocumentChecks(options: {
  start: () => Promise<{ url: string; close(): Promise<unknown> }>;
  /** The routes the service's router really has (expressRoutes of its app). */
  routes: () => RouteSignature[];
}): () => OpenApiDocument {
  let service: { url: string; close(): Promise<unknown> } | undefined;
  let response: Response;
  let document: OpenApiDocument;

  beforeAll(async () => {
    service = await options.start();
    response = await fetch(`${service.url}/openapi.json`);
    document = (await response.clone().json()) as OpenApiDocument;
  });
  afterAll(() => service?.close());

  it('is served to anyone at /openapi.json, cacheable for five minutes', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    // A copy: resolveRefs() replaces the references in the object it validated.
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(() => validator.resolveRefs()).not.toThrow();
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.servers).toEqual([{ url: '/api' }]);
  });

  it('lists every route the service answers, and nothing else', () => {
    expect(documentedRoutes(document)).toEqual(options.routes());
  });

  return () => document;
}
