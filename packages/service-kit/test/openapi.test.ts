import { Validator } from '@seriousme/openapi-schema-validator';
import { Router } from 'express';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  createServiceApp,
  createServiceOpenApi,
  documentedRoutes,
  expressRoutes,
  jsonBody,
  jsonResponse,
  problemResponses,
  security,
  startAppForTest,
} from '../src/index.js';

const widget = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'KitTestWidget' });
const widgetInput = z
  .object({
    name: z
      .string()
      .trim()
      .transform((name) => name.toLowerCase()),
  })
  .meta({ id: 'KitTestWidgetInput' });

const document = createServiceOpenApi({
  title: 'kit test',
  paths: {
    '/widgets': {
      post: {
        security: security.sessionWithCsrf,
        requestBody: jsonBody(widgetInput),
        responses: { 201: jsonResponse('Made', widget), ...problemResponses({ 400: true, 409: 'Taken' }) },
      },
    },
    '/widgets/{id}': {
      get: {
        requestParams: { path: z.object({ id: z.uuid() }) },
        responses: { 200: jsonResponse('One', widget), ...problemResponses({ 404: true }) },
      },
    },
  },
});

function widgetsApp() {
  return createServiceApp({
    name: 'kit-openapi-test',
    logger: createLogger('kit-openapi-test', 'silent'),
    readiness: {},
    openapi: document,
    routes: (app) => {
      const widgets = Router();
      widgets.post('/', (_req, res) => {
        res.status(201).json({});
      });
      widgets.get('/:id', (_req, res) => {
        res.json({});
      });
      app.use('/widgets', widgets);
    },
  });
}

describe('OpenAPI documents', () => {
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await startAppForTest(widgetsApp());
  });
  afterAll(() => server?.close());

  it('are valid OpenAPI 3.1 with servers, security schemes and problem answers', async () => {
    const result = await new Validator().validate(
      structuredClone(document) as unknown as Record<string, unknown>,
    );
    expect(result.errors).toBeUndefined();
    expect(document.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual([
      'sessionCookie',
      'serviceToken',
      'csrfHeader',
      'csrfCookie',
    ]);
    expect(document.paths?.['/widgets']?.post?.responses?.['409']).toEqual({
      description: 'Taken',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    // A request body with a transform is documented as what the client sends.
    expect(document.components?.schemas?.KitTestWidgetInput).toMatchObject({
      properties: { name: { type: 'string' } },
    });
  });

  it('are served at /openapi.json without a session or CSRF token, cacheable for five minutes', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("match the app's routes, mounted routers and path parameters included", () => {
    const routes = expressRoutes(widgetsApp());
    expect(routes).toEqual([
      { method: 'GET', path: '/healthz' },
      { method: 'GET', path: '/metrics' },
      { method: 'GET', path: '/openapi.json' },
      { method: 'GET', path: '/readyz' },
      { method: 'POST', path: '/widgets' },
      { method: 'GET', path: '/widgets/{id}' },
    ]);
    expect(documentedRoutes(document)).toEqual(routes);
  });
});
