import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes, expressRoutes, type OpenApiDocument } from '@storefront/service-kit';
import { startNotificationService, type NotificationService } from './support/notification-service.js';

describe('the OpenAPI document', () => {
  let service: NotificationService;
  let response: Response;
  let document: OpenApiDocument;

  beforeAll(async () => {
    service = await startNotificationService();
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

  it("lists every route the service answers, Nest's controllers included, and nothing else", () => {
    const routes = expressRoutes(service.app.handler);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'GET', path: '/notifications' }]));
    expect(documentedRoutes(document)).toEqual(routes);
  });

  it('describes sessions, CSRF and problem answers', () => {
    const replay = document.paths?.['/notifications/dead-letters/replay']?.post;
    expect(replay?.security).toEqual([{ sessionCookie: [], csrfHeader: [], csrfCookie: [] }]);
    for (const status of ['401', '403', '503']) {
      expect(replay?.responses?.[status]).toMatchObject({
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    expect(document.paths?.['/notifications']?.get?.responses?.['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationList' } } },
    });
  });
});
