import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, documentedRoutes, expressRoutes, type OpenApiDocument } from '@storefront/service-kit';
import { createUserApp, type UserAppDependencies } from '../src/app.js';
import { startUserService, type UserService } from './support/user-service.js';

/** The app as server.ts builds it, for its router only: nothing here is called. */
function routerOnlyApp() {
  const unused = {} as never;
  return createUserApp({
    logger: createLogger('user-openapi-test', 'silent'),
    readiness: {},
    cookieSecure: true,
    users: unused,
    sessions: unused,
    loginAttempts: unused,
    passwords: unused,
    signer: unused,
    verifier: unused,
  } satisfies UserAppDependencies);
}

describe('the OpenAPI document', () => {
  let service: UserService;
  let response: Response;
  let document: OpenApiDocument;

  beforeAll(async () => {
    service = await startUserService();
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
    expect(documentedRoutes(document)).toEqual(expressRoutes(routerOnlyApp()));
  });

  it('describes sessions, CSRF, bodies and problem answers', () => {
    expect(document.components?.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sf_session' },
      csrfHeader: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    });
    const changeRole = document.paths?.['/users/{id}/role']?.patch;
    expect(changeRole?.security).toEqual([{ sessionCookie: [], csrfHeader: [], csrfCookie: [] }]);
    expect(changeRole?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'id', required: true })]),
    );
    expect(changeRole?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ChangeRoleRequest' } } },
    });
    for (const status of ['400', '401', '403', '404', '409']) {
      expect(changeRole?.responses?.[status]).toMatchObject({
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    const listUsers = document.paths?.['/users']?.get;
    expect(listUsers?.parameters?.map((parameter) => 'name' in parameter && parameter.name)).toEqual([
      'cursor',
      'limit',
    ]);
    expect(document.paths?.['/users/login']?.post?.responses?.['429']).toMatchObject({
      headers: { 'Retry-After': expect.anything() },
    });
  });
});
