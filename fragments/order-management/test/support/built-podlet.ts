import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RenderCart } from '../../src/render-contract.js';

export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
export const clientDir = `${distDir}client`;

/** The tests exercise the production build, as `node dist/server/server.js` runs it. */
export async function loadBuiltRenderer(): Promise<RenderCart> {
  const entry = `${distDir}ssr/entry-server.js`;
  if (!existsSync(entry)) throw new Error('Build first: npm run build -w @storefront/order-management');
  return ((await import(entry)) as { render: RenderCart }).render;
}
