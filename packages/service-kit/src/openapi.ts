import type { Express, RequestHandler } from 'express';
import { z } from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { CSRF_COOKIE, SESSION_COOKIE } from '@storefront/auth';
import { problemSchema } from '@storefront/contracts';

/**
 * OpenAPI 3.1 documents generated from the services' zod schemas (zod-openapi), served at `GET /openapi.json`.
 * Each service writes its paths in `src/entry-points/http/openapi.ts` with the helpers below; this module adds what
 * every service shares: the problem+json answers, the session and CSRF security schemes and the operational routes.
 */

export type OpenApiDocument = oas31.OpenAPIObject;
export type {
  ZodOpenApiPathsObject,
  ZodOpenApiOperationObject,
  ZodOpenApiResponsesObject,
} from 'zod-openapi';

export const OPENAPI_PATH = '/openapi.json';

/** The security requirement objects an operation lists (see `securitySchemes` in the document). */
export const security: Record<
  'session' | 'sessionWithCsrf' | 'csrf' | 'optionalSession' | 'service',
  oas31.SecurityRequirementObject[]
> = {
  /** A signed-in session: the `sf_session` cookie. */
  session: [{ sessionCookie: [] }],
  /** A signed-in session on a state-changing request: the cookie and the CSRF pair. */
  sessionWithCsrf: [{ sessionCookie: [], csrfHeader: [], csrfCookie: [] }],
  /** The CSRF pair without a session (e.g. dropping one's own cookie). */
  csrf: [{ csrfHeader: [], csrfCookie: [] }],
  /** Anyone; a session, when sent, changes what the answer shows (e.g. drafts for editors). */
  optionalSession: [{}, { sessionCookie: [] }],
  /** Another service: its short-lived service token (the gateway never routes these). */
  service: [{ serviceToken: [] }],
};

const problemTitles = {
  400: 'Bad Request: the body, query or path failed validation (`errors` names each field)',
  401: 'Unauthorized: no active session',
  403: 'Forbidden: the role may not do this, or the CSRF pair is missing or wrong',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
} as const;
export type ProblemStatus = keyof typeof problemTitles;

/** problem+json answers, each described by the given text (or, for `true`, the status's usual meaning). */
export function problemResponses(
  answers: Partial<Record<ProblemStatus, true | string | Omit<ZodOpenApiResponseObject, 'content'>>>,
): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, answer] of Object.entries(answers)) {
    const response =
      typeof answer === 'object'
        ? answer
        : { description: answer === true ? problemTitles[Number(status) as ProblemStatus] : answer };
    responses[status as `4${string}`] = {
      content: { 'application/problem+json': { schema: problemSchema } },
      ...response,
    };
  }
  return responses;
}

/** A JSON answer of the given schema. */
export function jsonResponse(
  description: string,
  schema: z.ZodType,
  extra: Partial<ZodOpenApiResponseObject> = {},
) {
  return {
    description,
    content: { 'application/json': { schema } },
    ...extra,
  } satisfies ZodOpenApiResponseObject;
}

/** A JSON request body of the given schema. */
export function jsonBody(schema: z.ZodType, description?: string) {
  return {
    required: true,
    ...(description === undefined ? {} : { description }),
    content: { 'application/json': { schema } },
  };
}

/** Response headers of an answer that sets (or clears) a cookie. */
export const setCookieHeader = (description: string) =>
  z.object({ 'Set-Cookie': z.string().meta({ description }) });

const healthView = z.object({ status: z.literal('ok') });
const readyView = z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) });

/** The routes every service has besides its API: health, readiness, metrics and this document. */
export function operationalPaths(): ZodOpenApiPathsObject {
  return {
    '/healthz': {
      get: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        responses: { 200: jsonResponse('Alive', healthView) },
      },
    },
    '/readyz': {
      get: {
        tags: ['operations'],
        summary: 'Readiness: every dependency answers',
        responses: {
          200: jsonResponse('Ready', readyView),
          ...problemResponses({ 503: 'Not ready: `checks` names the state of each dependency' }),
        },
      },
    },
    '/metrics': {
      get: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        responses: {
          200: {
            description: 'Metrics in the Prometheus text format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    [OPENAPI_PATH]: {
      get: {
        tags: ['operations'],
        summary: 'This OpenAPI document',
        responses: {
          200: {
            description: 'OpenAPI 3.1 document; `Cache-Control: public, max-age=300`',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  };
}

export interface ServiceOpenApiOptions {
  title: string;
  version?: string;
  description?: string;
  /**
   * The service's routes. A schema becomes a named component wherever it is used through `.meta({ id })` on a copy
   * made once per module (zod's global registry refuses an id twice).
   */
  paths: ZodOpenApiPathsObject;
  /** The kit's /healthz, /readyz, /metrics and /openapi.json; on unless a service serves them otherwise. */
  operational?: boolean;
}

/** Builds the document; throws if a schema cannot be represented, so a service fails at start, not at read. */
export function createServiceOpenApi(options: ServiceOpenApiOptions): OpenApiDocument {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version ?? '0.1.0',
      ...(options.description === undefined ? {} : { description: options.description }),
    },
    // The gateway serves every service under /api and strips that prefix.
    servers: [{ url: '/api' }],
    paths: { ...options.paths, ...(options.operational === false ? {} : operationalPaths()) },
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The signed session token set by the user service on sign-in (HttpOnly).',
        },
        serviceToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A service token (HS256 under SERVICE_TOKEN_SECRET, one minute, audience = the called service): ' +
            'internal routes only.',
        },
        csrfHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: `Double-submit CSRF token: must equal the \`${CSRF_COOKIE}\` cookie on state-changing requests.`,
        },
        csrfCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: CSRF_COOKIE,
          description:
            'The CSRF cookie whose value the `x-csrf-token` header (or a form `_csrf` field) repeats.',
        },
      },
    },
  });
}

/** `GET /openapi.json`: public and cacheable for five minutes. */
export function openApiHandler(document: OpenApiDocument): RequestHandler {
  const body = JSON.stringify(document);
  return (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(body);
  };
}

export interface RouteSignature {
  method: string;
  /** OpenAPI form: `/users/{id}/role`. */
  path: string;
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation a document lists, sorted. */
export function documentedRoutes(document: OpenApiDocument): RouteSignature[] {
  const routes: RouteSignature[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) if (item?.[method]) routes.push({ method: method.toUpperCase(), path });
  }
  return sortRoutes(routes);
}

interface StackLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
  rawPath?: unknown;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function joinPaths(base: string, path: string): string {
  const joined = `${base}/${path}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function walk(stack: StackLayer[], base: string, routes: RouteSignature[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') {
            routes.push({ method: method.toUpperCase(), path: toOpenApiPath(joinPaths(base, String(path))) });
          }
        }
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
      walk(layer.handle.stack, joinPaths(base, mount), routes);
    }
  }
}

/** Every route an Express app (with its mounted routers, Nest's included) answers, sorted, in OpenAPI form. */
export function expressRoutes(app: Express): RouteSignature[] {
  const routes: RouteSignature[] = [];
  walk((app.router as unknown as { stack: StackLayer[] }).stack, '/', routes);
  return sortRoutes(routes);
}

function sortRoutes<R extends RouteSignature>(routes: R[]): R[] {
  const key = (route: RouteSignature) => `${route.path} ${route.method}`;
  return [...new Map(routes.map((route) => [key(route), route])).values()].sort((a, b) =>
    key(a).localeCompare(key(b)),
  );
}

/** The tag of operations meant for other services: never routed by the gateway, guarded by a service token. */
export const INTERNAL_TAG = 'internal';
const OPERATIONS_TAG = 'operations';

/**
 * Operation extension marking a route the gateway rate-limits per client address (sign-in, registration: each try
 * costs an argon2id hash). Spread it into the operation: `{ ...rateLimited, summary, … }`.
 */
export const RATE_LIMIT_EXTENSION = 'x-storefront-rate-limit';
export const rateLimited = { [RATE_LIMIT_EXTENSION]: 'sign-in' } as const;

export interface GatewayRoute extends RouteSignature {
  rateLimited: boolean;
}

function operations(document: OpenApiDocument) {
  const found: { method: string; path: string; operation: oas31.OperationObject }[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const operation = item?.[method];
      if (operation) found.push({ method: method.toUpperCase(), path, operation });
    }
  }
  return found;
}

/** The routes the gateway may route to a service: every documented one but the internal and operational ones. */
export function gatewayRoutes(document: OpenApiDocument): GatewayRoute[] {
  return sortRoutes(
    operations(document)
      .filter(
        ({ operation }) => !operation.tags?.some((tag) => tag === INTERNAL_TAG || tag === OPERATIONS_TAG),
      )
      .map(({ method, path, operation }) => ({
        method,
        path,
        rateLimited: (operation as Record<string, unknown>)[RATE_LIMIT_EXTENSION] !== undefined,
      })),
  );
}

/** The routes only other services may call. */
export function internalRoutes(document: OpenApiDocument): RouteSignature[] {
  return sortRoutes(
    operations(document)
      .filter(({ operation }) => operation.tags?.includes(INTERNAL_TAG))
      .map(({ method, path }) => ({ method, path })),
  );
}
