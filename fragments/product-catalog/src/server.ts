import { fileURLToPath } from 'node:url';
import { createSessionVerifier } from '@storefront/auth';
import { startPodletServer } from '@storefront/podlet-kit';
import { createLogger, env, loadConfig, main } from '@storefront/service-kit';
import { catalogPodlet, PODLET_NAME } from './app.js';
import type { RenderCatalog } from './render-contract.js';

// Runs from dist/server/, next to the Vite builds dist/client/ and dist/ssr/.
const distDir = new URL('../', import.meta.url);

main(PODLET_NAME, async () => {
  const config = loadConfig({
    PORT: env.port(7102),
    HOST: env.host(),
    LOG_LEVEL: env.logLevel(),
    PRODUCT_SERVICE_URL: env.url().default('http://127.0.0.1:7202'),
    AUTH_PUBLIC_KEY: env.pem().optional(),
  });
  const logger = createLogger(PODLET_NAME, config.LOG_LEVEL);
  if (!config.AUTH_PUBLIC_KEY) {
    logger.warn('AUTH_PUBLIC_KEY is not set: the product service alone decides who may use the editor views');
  }
  const { render } = (await import(new URL('ssr/entry-server.js', distDir).href)) as {
    render: RenderCatalog;
  };
  await startPodletServer({
    ...catalogPodlet({
      productServiceUrl: config.PRODUCT_SERVICE_URL,
      logger,
      clientDir: fileURLToPath(new URL('client/', distDir)),
      render,
      ...(config.AUTH_PUBLIC_KEY ? { sessionVerifier: createSessionVerifier(config.AUTH_PUBLIC_KEY) } : {}),
    }),
    port: config.PORT,
    host: config.HOST,
  });
});
