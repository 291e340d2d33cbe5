// The per-fragment size budget (client.config.json of each fragment): what a visitor's browser downloads of it,
// brotli-compressed as served, measured on the build `npm test` has just made.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clientAssetsDir,
  LOADER_LIMIT_BYTES,
  measureClientBuild,
  overBudget,
  readClientBuild,
  readClientConfig,
} from '@storefront/podlet-kit';
import { repoRoot } from '../bench/lib/stack.mjs';

const fragmentsDir = join(repoRoot, 'fragments');
const fragments = readdirSync(fragmentsDir).filter((name) =>
  existsSync(join(fragmentsDir, name, 'client.config.json')),
);

describe('fragment size budgets', () => {
  it('when the fragments are listed, each one of them declares its hydration and budget', () => {
    expect(fragments.sort()).toEqual(readdirSync(fragmentsDir).sort());
  });

  it.each(fragments)('when %s is built, its JS and CSS stay within its budget, compressed', (name) => {
    const dir = join(fragmentsDir, name);
    const config = readClientConfig(join(dir, 'client.config.json'));
    const assetsDir = clientAssetsDir(dir, config);
    const build = readClientBuild(assetsDir);
    if (!build)
      throw new Error(`${assetsDir} has no client build record: run npm run build -w @storefront/${name}`);

    const sizes = measureClientBuild(assetsDir, build.loader);

    expect(overBudget({ ...build, sizes, budget: config.budget })).toEqual([]);
    expect(sizes.loaderBytes).toBeGreaterThan(0);
    expect(sizes.loaderBytes).toBeLessThanOrEqual(LOADER_LIMIT_BYTES);
  });
});
