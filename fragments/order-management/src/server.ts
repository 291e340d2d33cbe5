import { fileURLToPath } from 'node:url';
import { startPodletServer } from '@storefront/podlet-kit';
import { createLogger, env, loadConfig, main } from '@storefront/service-kit';
import { orderPodlet, PODLET_NAME } from './app.js';
import type { RenderPage } from './render-contract.js';

// Runs from dist/server/, next to the Vite builds dist/client/ and dist/ssr/.
const distDir = new URL('../', import.meta.url);

main(PODLET_NAME, async () => {
  const config = loadConfig({
    PORT: env.port(7103),
    HOST: env.host(),
    LOG_LEVEL: env.logLevel(),
    ORDER_SERVICE_URL: env.url().default('http://127.0.0.1:7203'),
    USER_SERVICE_URL: env.url().default('http://127.0.0.1:7201'),
  });
  const logger = createLogger(PODLET_NAME, config.LOG_LEVEL);
  const { render } = (await import(new URL('ssr/entry-server.js', distDir).href)) as { render: RenderPage };
  await startPodletServer({
    ...orderPodlet({
      logger,
      clientDir: fileURLToPath(new URL('client/', distDir)),
      render,
      orderServiceUrl: config.ORDER_SERVICE_URL,
      userServiceUrl: config.USER_SERVICE_URL,
    }),
    port: config.PORT,
    host: config.HOST,
  });
});
