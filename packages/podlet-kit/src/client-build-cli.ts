#!/usr/bin/env node
// `podlet-client-build`, the last step of a fragment's `build` script, run in the fragment's folder: reads its
// client.config.json (hydration, budget, where its browser build is), writes the hydration loader and the
// compressed copies, prints the fragment's size against its budget (`npm test` enforces it: size-budget.test.ts).
import { resolve } from 'node:path';
import { angularAssets, viteAssets } from './assets.js';
import { budgetLine, finishClientBuild, overBudget, readClientConfig } from './client-build.js';

const dir = process.cwd();
const config = readClientConfig(resolve(dir, 'client.config.json'));
const name = (await import(resolve(dir, 'package.json'), { with: { type: 'json' } })).default.name.replace(
  /^@storefront\//,
  '',
) as string;
const assets =
  config.build.kind === 'vite'
    ? viteAssets(resolve(dir, config.build.dir), config.build.entry)
    : angularAssets(resolve(dir, config.build.dir));
const result = finishClientBuild({
  name,
  assetsDir: assets.dir,
  entries: assets.js,
  css: assets.css,
  config,
});
console.log(budgetLine(result));
for (const line of overBudget(result)) console.warn(`over budget: ${line}`);
