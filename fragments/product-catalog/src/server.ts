import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSessionVerifier } from '@storefront/auth';
import { podletDist, podletRoot, startPodletServer, viteSourceRender } from '@storefront/podlet-kit';
import { createLogger, env, loadConfig, main } from '@storefront/service-kit';
import { catalogPodlet, PODLET_NAME } from './app.js';
import type { RenderCatalog } from './render-contract.js';

// Runs from dist/server/, next to the Vite builds dist/client/ and dist/ssr/ (`npm run dev`: from src/ with tsx).
const distDir = pathToFileURL(`${podletDist(import.meta.url)}/`);

main(PODLET_NAME, async () => {
  const config = loadConfig({
    PORT: env.port(7102),
    HOST: env.host(),
    LOG_LEVEL: env.logLevel(),
    // `npm run dev`: templates rendered from source by Vite's SSR dev server; Podium's development mode standalone.
    RENDER_FROM_SOURCE: env.bool(false),
    PODIUM_DEVELOPMENT: env.bool(false),
    PRODUCT_SERVICE_URL: env.url().default('http://127.0.0.1:7202'),
    AUTH_PUBLIC_KEY: env.pem().optional(),
  });
  const logger = createLogger(PODLET_NAME, config.LOG_LEVEL);
  if (!config.AUTH_PUBLIC_KEY) {
    logger.warn('AUTH_PUBLIC_KEY is not set: the product service alone decides who may use the editor views');
  }
  const { render } = config.RENDER_FROM_SOURCE
    ? await viteSourceRender<RenderCatalog>(
        await import('vite'),
        podletRoot(import.meta.url),
        '/src/entry-server.ts',
      )
    : ((await import(new URL('ssr/entry-server.js', distDir).href)) as { render: RenderCatalog });
  await startPodletServer({
    ...catalogPodlet({
      productServiceUrl: config.PRODUCT_SERVICE_URL,
      logger,
      clientDir: fileURLToPath(new URL('client/', distDir)),
      render,
      ...(config.AUTH_PUBLIC_KEY ? { sessionVerifier: createSessionVerifier(config.AUTH_PUBLIC_KEY) } : {}),
    }),
    development: config.PODIUM_DEVELOPMENT,
    port: config.PORT,
    host: config.HOST,
  });
});
