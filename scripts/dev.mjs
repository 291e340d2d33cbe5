// `npm run dev`: the storefront in watch mode, composed through the same gateway as `npm start` (scripts/stack.mjs):
//   npm run dev                              every part from its source, watched
//   npm run dev -- <part> [<part>…]          those parts from source, the others from their builds
//   npm run dev -- <podlet> --standalone     the podlet alone on its port, in Podium's development mode
// How each kind of part runs from source (devCommand below):
// - services: `tsx watch` on src/entry-points/server.ts: a saved file restarts that service only;
// - the Vue and Solid podlets: `tsx watch` on src/server.ts, rendering through Vite's SSR dev server
//   (RENDER_FROM_SOURCE): a saved template is in the next render, no restart; saved server code restarts the podlet;
// - the Angular podlet: `ng build --watch --configuration development` rebuilds its SSR bundle (the app's code; Angular
//   itself is loaded once from node_modules) into dist/angular-dev, and the server renders with the newest bundle
//   (the last build until the first one); scripts/angular-dev-build.mjs runs that build and warms it up;
// - the layout: `next dev`, and esbuild watching the shell's browser script (read again on every page in development).
// Browser assets of the podlets are their last build's (`npm run build -w <podlet>` refreshes them).
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parts, prepareLocalStores, startStack } from './stack.mjs';
import { root } from './workspaces.mjs';

const require = createRequire(import.meta.url);
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');

/** The kinds of part, by name (scripts/stack.mjs's table). */
export const podlets = ['product-catalog', 'order-management', 'user-dashboard'];
export const devParts = parts.map((part) => part.name);

/**
 * How `part` runs from its source in `dir` (its own folder, or a copy of it: the dev test works on one).
 * @returns {{ command: string, cwd: string, env: Record<string, string> }}
 */
export function devCommand(part, dir = join(root, part.dir)) {
  const node = JSON.stringify(process.execPath);
  // `exec`: the part's process is the one concurrently stops (and a command that begins and ends with a quote
  // would lose both to concurrently's quote stripping).
  const watch = (entry, excluded = []) =>
    `exec ${node} ${JSON.stringify(tsx)} watch --clear-screen=false ${['**/node_modules/**', ...excluded]
      .map((glob) => `--exclude '${glob}' `)
      .join('')}${entry}`;
  const env = { NODE_ENV: 'development' };
  if (part.name === 'layout') {
    const next = require.resolve('next/dist/bin/next', { paths: [dir] });
    return {
      cwd: dir,
      // Ends unquoted: a command that began and ended with a quote would lose both (see `exec` above).
      command: `${node} build-browser.mjs --watch & exec ${node} ${JSON.stringify(next)} dev --hostname "$HOST" --port $PORT`,
      env: { ...env, NEXT_TELEMETRY_DISABLED: '1' },
    };
  }
  if (part.name === 'user-dashboard') {
    // angular.json's development configuration: unoptimised, into dist/angular-dev (the built one stays as it is);
    // the server imports each new bundle itself (RENDER_FROM_SOURCE), so tsx, which watches what was imported,
    // leaves the bundles alone and restarts it only for its own code.
    const build = `${node} ${JSON.stringify(resolve(root, 'scripts/angular-dev-build.mjs'))}`;
    return {
      cwd: dir,
      command: `${build} & ${watch('src/server.ts', ['**/dist/angular*/**'])}`,
      env: { ...env, NG_CLI_ANALYTICS: 'false', RENDER_FROM_SOURCE: 'true' },
    };
  }
  if (podlets.includes(part.name))
    return { cwd: dir, command: watch('src/server.ts'), env: { ...env, RENDER_FROM_SOURCE: 'true' } };
  return { cwd: dir, command: watch('src/entry-points/server.ts'), env };
}

function usage(message) {
  console.error(
    `${message}\n\nusage: npm run dev [-- <part>… | -- <podlet> --standalone]\nparts: ${devParts.join(', ')}`,
  );
  process.exit(2);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const standalone = args.includes('--standalone');
  const chosen = args.filter((arg) => !arg.startsWith('--'));
  const unknown = chosen.filter((name) => !devParts.includes(name));
  if (unknown.length) usage(`unknown part: ${unknown.join(', ')}`);
  const startedAt = Date.now();

  if (standalone) {
    if (chosen.length !== 1 || !podlets.includes(chosen[0])) usage('--standalone takes one podlet');
    const { spawn } = await import('node:child_process');
    const part = parts.find((candidate) => candidate.name === chosen[0]);
    const { command, cwd, env } = devCommand(part);
    const child = spawn(command, {
      cwd,
      shell: true,
      stdio: 'inherit',
      env: { ...process.env, ...env, PORT: String(part.port), HOST: '127.0.0.1', PODIUM_DEVELOPMENT: 'true' },
    });
    console.log(`\n  ${part.name} alone, in Podium's development mode: http://127.0.0.1:${part.port}/\n`);
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    const fromSource = new Set(chosen.length ? chosen : devParts);
    const runDir = join(root, '.run');
    // No shared cache in the gateway: a saved change is on the next page, never behind a cached copy.
    const env = { ...(await prepareLocalStores(runDir)), GATEWAY_CACHE: 'off' };
    const stack = await startStack({
      runDir,
      env,
      mongoUrl: process.env.MONGO_URL,
      runAs: (part) => (fromSource.has(part.name) ? devCommand(part) : undefined),
    });
    console.log(
      `\n  Storefront in watch mode: ${stack.url} (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)` +
        `\n  from source: ${[...fromSource].join(', ')}\n  Ctrl-C stops everything.\n`,
    );
    const shutdown = async () => {
      await stack.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  }
}
