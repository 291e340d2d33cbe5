import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSessionVerifier } from '@storefront/auth';
import { podletDist, startPodletServer } from '@storefront/podlet-kit';
import { createLogger, env, loadConfig, main } from '@storefront/service-kit';
import { dashboardPodlet, PODLET_NAME } from './app.js';
import type { RenderDashboard } from './render-contract.js';

// Runs from dist/server/, next to the Angular build dist/angular/{browser,ssr}/ (`npm run dev`: from src/ with tsx,
// restarted on each bundle `ng build --watch` writes).
const distDir = pathToFileURL(`${podletDist(import.meta.url)}/`);

main(PODLET_NAME, async () => {
  const config = loadConfig({
    PORT: env.port(7101),
    HOST: env.host(),
    LOG_LEVEL: env.logLevel(),
    // `npm run dev`: the development build when there is one; standalone, Podium's development mode.
    RENDER_FROM_SOURCE: env.bool(false),
    PODIUM_DEVELOPMENT: env.bool(false),
    ORDER_SERVICE_URL: env.url().default('http://127.0.0.1:7203'),
    USER_SERVICE_URL: env.url().default('http://127.0.0.1:7201'),
    NOTIFICATION_SERVICE_URL: env.url().default('http://127.0.0.1:7204'),
    AUTH_PUBLIC_KEY: env.pem(),
  });
  const logger = createLogger(PODLET_NAME, config.LOG_LEVEL);
  // `npm run dev`: the development build `ng build --watch` keeps writing, once there is one.
  const angularDir =
    config.RENDER_FROM_SOURCE && existsSync(new URL('angular-dev/ssr/main.server.mjs', distDir))
      ? 'angular-dev'
      : 'angular';
  const { render } = (await import(new URL(`${angularDir}/ssr/main.server.mjs`, distDir).href)) as {
    render: RenderDashboard;
  };
  await startPodletServer({
    ...dashboardPodlet({
      orderServiceUrl: config.ORDER_SERVICE_URL,
      userServiceUrl: config.USER_SERVICE_URL,
      notificationServiceUrl: config.NOTIFICATION_SERVICE_URL,
      sessionVerifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
      logger,
      browserDir: fileURLToPath(new URL(`${angularDir}/browser/`, distDir)),
      render,
    }),
    development: config.PODIUM_DEVELOPMENT,
    port: config.PORT,
    host: config.HOST,
  });
});
