import Podlet from '@podium/podlet';
import express, { type Express, type RequestHandler, type Response } from 'express';
import { PAGE_CSRF_HEADER, pageCsrfToken, type SessionVerifier } from '@storefront/auth';
import { createServiceApp, HttpProblem, requestId, type Logger } from '@storefront/service-kit';
import type { PodletAssets } from './assets.js';
import { precompressedAssets, readClientBuild } from './precompressed.js';
import {
  CSP_NONCE_HEADER,
  cspNonceOf,
  DEFAULT_LOCALE,
  PRIVATE_FRAGMENT_CACHE,
  toPodiumContext,
  type RenderContext,
} from './context.js';

/** What a content renderer answers: HTML, or HTML with its own status (e.g. 404 for a missing product). */
export type ContentResult = string | { html: string; status?: number; cacheControl?: string };

export interface PodletAppOptions {
  /** The fragment's folder name; it is also its public prefix `/_fragments/<name>/`. */
  name: string;
  version: string;
  logger: Logger;
  content: (context: RenderContext) => Promise<ContentResult>;
  /** A small static snippet shown when the content cannot be rendered (by this podlet, nginx or the layout). */
  fallback: () => string | Promise<string>;
  assets: PodletAssets;
  /** Cache-Control of content that does not set its own; fragments are private unless they say otherwise. */
  contentCacheControl?: string;
  sessionVerifier?: SessionVerifier;
  readiness?: Record<string, () => Promise<unknown>>;
  /** Extra routes (e.g. a JSON endpoint), mounted before the content catch-all. */
  extraRoutes?: (app: Express) => void;
  /** Podium development mode: wraps content in a full HTML document when no layout asks. */
  development?: boolean;
}

export function publicAssetPath(name: string, file: string): string {
  return `/_fragments/${name}/assets/${file}`;
}

/**
 * The scripts the page's <head> gets: the hydration loader of the client build (client-build.ts), which imports
 * the entries when the fragment's hydration says, or the entries themselves for a build without one.
 */
function pageScripts(assets: PodletAssets): string[] {
  const build = readClientBuild(assets.dir);
  return build ? [build.loader] : assets.js;
}

function createPodlet(options: PodletAppOptions): Podlet {
  const podlet = new Podlet({
    name: options.name,
    version: options.version,
    pathname: '/',
    manifest: '/manifest.json',
    content: '/',
    fallback: '/fallback',
    development: options.development ?? false,
  });
  podlet.js(
    pageScripts(options.assets).map((file) => ({
      value: publicAssetPath(options.name, file),
      type: 'module',
    })),
  );
  podlet.css(options.assets.css.map((file) => ({ value: publicAssetPath(options.name, file) })));
  // Standalone (`npm run dev -- <podlet> --standalone`): no layout sends a context, so a local one stands in.
  if (options.development) {
    podlet.defaults({
      locale: DEFAULT_LOCALE,
      requestedBy: `${options.name}-standalone`,
      mountPathname: '/',
      publicPathname: `/_fragments/${options.name}/`,
    });
  }
  return podlet;
}

function sendHtml(res: Response, status: number, html: string, cacheControl: string): void {
  res.status(status).type('text/html; charset=utf-8').setHeader('cache-control', cacheControl);
  res.podiumSend(html);
}

/**
 * The Express app of a podlet: Podium manifest, content (at `/` and every path below it), fallback, immutable
 * fingerprinted assets, plus service-kit's request ids, logs, metrics, health and problem+json errors.
 */
export function createPodletApp(options: PodletAppOptions): Express {
  const { name, logger, assets } = options;
  const podlet = createPodlet(options);
  const podium = podlet.middleware() as RequestHandler;

  const fallbackHtml = async () => String(await options.fallback());

  const content: RequestHandler = async (req, res) => {
    const id = requestId() ?? 'unknown';
    const cspNonce = cspNonceOf(req.headers[CSP_NONCE_HEADER]);
    const context: RenderContext = {
      req,
      podium: toPodiumContext(res.locals.podium.context),
      path: req.path,
      query: new URLSearchParams(req.originalUrl.split('?')[1] ?? ''),
      cookies: req.cookies,
      ...(req.user ? { user: req.user } : {}),
      requestId: id,
      ...(cspNonce ? { cspNonce } : {}),
      csrfToken: pageCsrfToken(req.headers[PAGE_CSRF_HEADER]) ?? '',
      upstreamHeaders: { 'x-request-id': id },
      logger: logger.child({ requestId: id }),
    };
    try {
      const result = await options.content(context);
      const {
        html,
        status = 200,
        cacheControl = options.contentCacheControl ?? PRIVATE_FRAGMENT_CACHE,
      } = typeof result === 'string' ? { html: result } : result;
      sendHtml(res, status, html, cacheControl);
    } catch (error) {
      // The page must never break: answer 5xx (so nginx/layout know) with the fallback body they can show as is.
      const status = error instanceof HttpProblem && error.status >= 500 ? error.status : 500;
      context.logger.error({ err: error, path: req.path }, `${name} content failed; answering the fallback`);
      sendHtml(res, status, await fallbackHtml(), 'no-store');
    }
  };

  return createServiceApp({
    name,
    logger,
    readiness: options.readiness ?? {},
    ...(options.sessionVerifier ? { sessionVerifier: options.sessionVerifier } : {}),
    routes: (app) => {
      app.get('/manifest.json', (_req, res) => {
        res.setHeader('cache-control', 'no-cache');
        res.json(podlet);
      });
      app.get('/fallback', podium, async (_req, res) => {
        sendHtml(res, 200, await fallbackHtml(), 'public, max-age=300');
      });
      app.use(
        '/assets',
        precompressedAssets(assets.dir),
        express.static(assets.dir, {
          index: false,
          redirect: false,
          // File names carry a content hash, so a browser may keep each one forever.
          immutable: true,
          maxAge: '1y',
        }),
      );
      // Standalone there is no gateway in front: the asset URLs the podlet hands out are served here too.
      if (options.development)
        app.use(`/_fragments/${name}/assets`, express.static(assets.dir, { index: false, redirect: false }));
      options.extraRoutes?.(app);
      app.get(
        ['/', '/{*path}'],
        (req, res, next) => {
          // An unknown asset is a 404 problem, never a page rendered for a path like /assets/missing.js.
          if (req.path.startsWith('/assets/')) return next('route');
          return podium(req, res, next);
        },
        content,
      );
    },
  });
}
