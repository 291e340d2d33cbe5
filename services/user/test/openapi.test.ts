import { describe, expect, it } from 'vitest';
import { createLogger, expressRoutes } from '@storefront/service-kit';
import { openApiDocumentChecks } from '@storefront/service-kit/testing';
import { createUserApp, type UserAppDependencies } from '../src/app.js';
import { startUserService } from './support/user-service.js';

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
    passwordResets: unused,
    passwords: unused,
    signer: unused,
    verifier: unused,
    sessionRegistry: unused,
  } satisfies UserAppDependencies);
}

describe('the OpenAPI document', () => {
  const document = openApiDocumentChecks({
    start: startUserService,
    routes: () => expressRoutes(routerOnlyApp()),
  });

  it('describes sessions, CSRF, bodies and problem answers', () => {
    expect(document().components?.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sf_session' },
      csrfHeader: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    });
    const changeRole = document().paths?.['/users/{id}/role']?.patch;
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
    const listUsers = document().paths?.['/users']?.get;
    expect(listUsers?.parameters?.map((parameter) => 'name' in parameter && parameter.name)).toEqual([
      'cursor',
      'limit',
    ]);
    expect(document().paths?.['/users/login']?.post?.responses?.['429']).toMatchObject({
      headers: { 'Retry-After': expect.anything() },
    });
  });
});
