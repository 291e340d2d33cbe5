// Writes nginx/api-routes.json, the gateway's allow-list, from each service's OpenAPI document: every documented
// route but the internal and operational ones, with the ones to rate-limit per client marked. Run it after changing
// a service's routes (`npm run gateway-routes`, built services needed); nginx/test checks the file is up to date.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each service's folder and the function that builds its document. */
export const documents = [
  { dir: 'services/user', build: 'userOpenApi' },
  { dir: 'services/product', build: 'productOpenApi' },
  { dir: 'services/order', build: 'orderOpenApi' },
  { dir: 'services/notification', build: 'notificationOpenApi' },
];

/** `{ users: [{method, path, rateLimited}], … }`, keyed by the first path segment (the gateway's /api/<prefix>). */
export function routeTable(gatewayRoutes, openApiDocuments) {
  const table = {};
  for (const document of openApiDocuments) {
    for (const route of gatewayRoutes(document)) {
      const prefix = route.path.split('/')[1];
      (table[prefix] ??= []).push(route);
    }
  }
  return table;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { gatewayRoutes } = await import('@storefront/service-kit');
  const built = await Promise.all(
    documents.map(async ({ dir, build }) => {
      const module = await import(pathToFileURL(join(root, dir, 'dist/entry-points/http/openapi.js')).href);
      return module[build]();
    }),
  );
  const file = join(root, 'nginx/api-routes.json');
  writeFileSync(file, `${JSON.stringify(routeTable(gatewayRoutes, built), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
