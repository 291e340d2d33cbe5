import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnPodlet, type SpawnedPodlet } from '@storefront/podlet-kit/testing';

export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
export const serverEntry = `${distDir}server/server.js`;

/** The tests exercise the production build, started as `node dist/server/server.js` is in production. */
export function startBuiltPodlet(env: Record<string, string>): Promise<SpawnedPodlet> {
  if (!existsSync(serverEntry) || !existsSync(`${distDir}angular/ssr/main.server.mjs`)) {
    throw new Error('Build first: npm run build -w @storefront/user-dashboard');
  }
  return spawnPodlet(serverEntry, env);
}
