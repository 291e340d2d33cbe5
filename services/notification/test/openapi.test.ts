import { describe, expect, it } from 'vitest';
import { expressRoutes } from '@storefront/service-kit';
import { openApiDocumentChecks } from '@storefront/service-kit/testing';
import { startNotificationService, type NotificationService } from './support/notification-service.js';

describe('the OpenAPI document', () => {
  let service: NotificationService | undefined;
  const document = openApiDocumentChecks({
    start: async () => (service = await startNotificationService()),
    // Nest's controllers are mounted on the same Express app, so its router lists them too.
    routes: () => expressRoutes(service!.app.handler),
  });

  it('describes sessions, CSRF and problem answers', () => {
    const replay = document().paths?.['/notifications/dead-letters/replay']?.post;
    expect(replay?.security).toEqual([{ sessionCookie: [], csrfHeader: [], csrfCookie: [] }]);
    for (const status of ['401', '403', '503']) {
      expect(replay?.responses?.[status]).toMatchObject({
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    expect(document().paths?.['/notifications']?.get?.responses?.['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationList' } } },
    });
  });
});
