import './express-types.js';
import { parse as parseCookies } from 'cookie';
import express, { type Express, type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { SessionVerifier } from '@storefront/auth';
import { requireCsrf } from './csrf.js';
import { formPostRedirects } from './form-posts.js';
import { createMetrics } from './metrics.js';
import { notFoundHandler, problemHandler, problems, sendProblem } from './problems.js';
import { OPENAPI_PATH, openApiHandler, type OpenApiDocument } from './openapi.js';
import { requestContext } from './request-context.js';
import { canonicalPaths } from './routing.js';
import { readSession } from './session.js';
import type { SessionRegistry } from './session-registry.js';

export interface ServiceAppOptions {
  name: string;
  logger: Logger;
  /** Each check resolves when its dependency answers; /readyz fails while any one does not. */
  readiness: Record<string, () => Promise<unknown>>;
  sessionVerifier?: SessionVerifier;
  /** Revocations and current roles (written by the user service): a session ends here when it ends there. */
  sessionRegistry?: SessionRegistry;
  /** Express's `trust proxy`: the hops allowed to name the client (TRUST_PROXY); loopback when absent. */
  trustProxy?: string[];
  /** Double-submit CSRF check on state-changing requests; on unless a service has only internal callers. */
  csrf?: boolean;
  routes: (app: Express) => void;
  /** Served at GET /openapi.json (public, cached for five minutes); see createServiceOpenApi. */
  openapi?: OpenApiDocument;
}

const READINESS_TIMEOUT_MS = 2000;

const cookies: RequestHandler = (req, _res, next) => {
  const header = req.get('cookie');
  req.cookies = header ? (parseCookies(header) as Record<string, string>) : {};
  next();
};

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * What every service's Express app is set to, before any middleware (the app's router takes the routing options
 * when it is made): case-sensitive, strict routes, and the client's address from trusted proxies only.
 */
export function configureExpress(app: Express, trustProxy: string[] = ['loopback']): void {
  app.disable('x-powered-by');
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.set('trust proxy', trustProxy);
}

export function createServiceApp(options: ServiceAppOptions): Express {
  const { name, logger, readiness } = options;
  const app = express();
  const metrics = createMetrics(name);

  configureExpress(app, options.trustProxy);
  app.use(requestContext);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => req.id,
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
    }),
  );
  app.use(metrics.observe);
  app.use(canonicalPaths);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    const results = await Promise.all(
      Object.entries(readiness).map(async ([check, probe]) => {
        try {
          await withTimeout(Promise.resolve().then(probe), READINESS_TIMEOUT_MS);
          return [check, 'ok'] as const;
        } catch (error) {
          return [check, error instanceof Error ? error.message : 'failed'] as const;
        }
      }),
    );
    const failing = results.filter(([, state]) => state !== 'ok');
    if (failing.length === 0) {
      res.json({ status: 'ready', checks: Object.fromEntries(results) });
      return;
    }
    const problem = problems.serviceUnavailable(`Not ready: ${failing.map(([check]) => check).join(', ')}.`);
    Object.assign(problem.extra, { checks: Object.fromEntries(results) });
    sendProblem(res, problem, req.originalUrl);
  });
  app.get('/metrics', metrics.endpoint);
  if (options.openapi) app.get(OPENAPI_PATH, openApiHandler(options.openapi));

  app.use(express.json({ limit: '100kb' }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(cookies);
  if (options.sessionVerifier) app.use(readSession(options.sessionVerifier, options.sessionRegistry));
  // Form posts first: a failed CSRF check of a no-JS form comes back to its page like any other failure.
  app.use(formPostRedirects);
  if (options.csrf ?? true) app.use(requireCsrf);

  options.routes(app);

  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return app;
}
