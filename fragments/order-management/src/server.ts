import { fileURLToPath } from 'node:url';
import { startPodletServer } from '@storefront/podlet-kit';
import { createLogger, env, loadConfig, main } from '@storefront/service-kit';
import { cartPodlet, PODLET_NAME } from './app.js';
import type { RenderCart } from './render-contract.js';

// Runs from dist/server/, next to the Vite builds dist/client/ and dist/ssr/.
const distDir = new URL('../', import.meta.url);

main(PODLET_NAME, async () => {
  const config = loadConfig({ PORT: env.port(7103), HOST: env.host(), LOG_LEVEL: env.logLevel() });
  const logger = createLogger(PODLET_NAME, config.LOG_LEVEL);
  const { render } = (await import(new URL('ssr/entry-server.js', distDir).href)) as { render: RenderCart };
  await startPodletServer({
    ...cartPodlet({ logger, clientDir: fileURLToPath(new URL('client/', distDir)), render }),
    port: config.PORT,
    host: config.HOST,
  });
});
