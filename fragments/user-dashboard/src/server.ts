import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createSessionVerifier } from '@storefront/auth';
import { podletDist, startPodletServer } from '@storefront/podlet-kit';
import { createLogger, env, loadConfig, main } from '@storefront/service-kit';
import { dashboardPodlet, PODLET_NAME } from './app.js';
import type { RenderDashboard } from './render-contract.js';

// Runs from dist/server/, next to the Angular build dist/angular/{browser,ssr}/ (`npm run dev`: from src/ with tsx,
// rendering with the newest bundle `ng build --watch` wrote).
const distDir = pathToFileURL(`${podletDist(import.meta.url)}/`);

async function importRender(bundle: URL): Promise<RenderDashboard> {
  return ((await import(bundle.href)) as { render: RenderDashboard }).render;
}

/**
 * `npm run dev`: renders with the development bundle `ng build --watch` keeps writing (the built one until its first
 * build), imported again (a new copy of the app) whenever it was rewritten, so a saved template is in the next
 * render without restarting the podlet. That bundle leaves Angular and rxjs out (angular.json's development
 * configuration): they are imported once from node_modules and stay loaded, so a rebuild and its import are the
 * app's code alone. Angular's packages there are partially compiled: the JIT compiler links them as they load.
 */
function newestBundleRender(developmentBundle: URL, builtBundle: URL): RenderDashboard {
  let loaded: { version: string; render: Promise<RenderDashboard> } | undefined;
  return async (input) => {
    const development = existsSync(developmentBundle);
    const bundle = development ? developmentBundle : builtBundle;
    const version = `${bundle.pathname}@${statSync(bundle).mtimeMs}`;
    if (loaded?.version !== version) {
      const fresh = new URL(bundle);
      fresh.searchParams.set('v', version);
      // The built bundle is whole: the compiler is loaded (once) only when the development one is first used.
      const linker = development ? import('@angular/compiler') : Promise.resolve();
      loaded = { version, render: linker.then(() => importRender(fresh)) };
    }
    return (await loaded.render)(input);
  };
}

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
  const bundle = (dir: string) => new URL(`${dir}/ssr/main.server.mjs`, distDir);
  const render = config.RENDER_FROM_SOURCE
    ? newestBundleRender(bundle('angular-dev'), bundle('angular'))
    : await importRender(bundle('angular'));
  await startPodletServer({
    ...dashboardPodlet({
      orderServiceUrl: config.ORDER_SERVICE_URL,
      userServiceUrl: config.USER_SERVICE_URL,
      notificationServiceUrl: config.NOTIFICATION_SERVICE_URL,
      sessionVerifier: createSessionVerifier(config.AUTH_PUBLIC_KEY),
      logger,
      // The built browser assets, also in `npm run dev` (the development build's import Angular by bare name).
      browserDir: fileURLToPath(new URL('angular/browser/', distDir)),
      render,
    }),
    development: config.PODIUM_DEVELOPMENT,
    port: config.PORT,
    host: config.HOST,
  });
});
