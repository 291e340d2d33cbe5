import type { Express } from 'express';
import { z } from 'zod';
import { notificationList } from '@storefront/contracts';
import {
  createServiceOpenApi,
  jsonResponse,
  OPENAPI_PATH,
  openApiHandler,
  problemResponses,
  security,
  type OpenApiDocument,
} from '@storefront/service-kit';

// Named components: each copy is registered once (zod's global registry), when this module loads.
const views = {
  notificationList: notificationList.meta({ id: 'NotificationList' }),
  replayed: z.object({ replayed: z.number().int().nonnegative() }).meta({ id: 'DeadLetterReplay' }),
};

/** The notification service's API: a customer's delivery log and the admins' dead-letter replay. */
export function notificationOpenApi(): OpenApiDocument {
  return createServiceOpenApi({
    title: 'Storefront notification service',
    description:
      'Emails and text messages sent for user and order events. State-changing calls need the CSRF pair ' +
      '(`sf_csrf` cookie = `x-csrf-token` header). Errors are RFC 7807 problem+json.',
    paths: {
      '/notifications': {
        get: {
          tags: ['notifications'],
          summary: "The signed-in customer's delivery log, newest first, each with its status",
          security: security.session,
          responses: {
            200: jsonResponse('The deliveries (`private, no-store`)', views.notificationList),
            ...problemResponses({ 401: true }),
          },
        },
      },
      '/notifications/dead-letters/replay': {
        post: {
          tags: ['admin'],
          summary: 'Move every parked event back to the queue (admins)',
          security: security.sessionWithCsrf,
          responses: {
            200: jsonResponse('How many events were moved back', views.replayed),
            ...problemResponses({
              401: true,
              403: 'Not an admin, or the CSRF pair is missing',
              503: 'The message broker is not reachable',
            }),
          },
        },
      },
    },
  });
}

/** GET /openapi.json on the Express app under Nest, beside service-kit's other middleware (public, no CSRF). */
export function serveOpenApi(server: Express): void {
  server.get(OPENAPI_PATH, openApiHandler(notificationOpenApi()));
}
