import { fileURLToPath, pathToFileURL } from 'node:url';
import { podletDist, podletRoot, startPodletServer, viteSourceRender } from '@storefront/podlet-kit';
import { createLogger, env, loadConfig, main } from '@storefront/service-kit';
import { orderPodlet, PODLET_NAME } from './app.js';
import type { RenderPage } from './render-contract.js';

// Runs from dist/server/, next to the Vite builds dist/client/ and dist/ssr/ (`npm run dev`: from src/ with tsx).
const distDir = pathToFileURL(`${podletDist(import.meta.url)}/`);

main(PODLET_NAME, async () => {
  const config = loadConfig({
    PORT: env.port(7103),
    HOST: env.host(),
    LOG_LEVEL: env.logLevel(),
    // `npm run dev`: templates rendered from source by Vite's SSR dev server; Podium's development mode standalone.
    RENDER_FROM_SOURCE: env.bool(false),
    PODIUM_DEVELOPMENT: env.bool(false),
    ORDER_SERVICE_URL: env.url().default('http://127.0.0.1:7203'),
    USER_SERVICE_URL: env.url().default('http://127.0.0.1:7201'),
  });
  const logger = createLogger(PODLET_NAME, config.LOG_LEVEL);
  const { render } = config.RENDER_FROM_SOURCE
    ? await viteSourceRender<RenderPage>(
        await import('vite'),
        podletRoot(import.meta.url),
        '/src/entry-server.tsx',
      )
    : ((await import(new URL('ssr/entry-server.js', distDir).href)) as { render: RenderPage });
  await startPodletServer({
    ...orderPodlet({
      logger,
      clientDir: fileURLToPath(new URL('client/', distDir)),
      render,
      orderServiceUrl: config.ORDER_SERVICE_URL,
      userServiceUrl: config.USER_SERVICE_URL,
    }),
    development: config.PODIUM_DEVELOPMENT,
    port: config.PORT,
    host: config.HOST,
  });
});
