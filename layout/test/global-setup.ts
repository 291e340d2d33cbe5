// Builds the layout once before the suites when the build is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { layoutDir } from './support.js';

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestSource(join(path, entry))));
}

export default function setup() {
  const buildId = join(layoutDir, '.next', 'BUILD_ID');
  const sources = ['src', 'next.config.ts', 'build-browser.mjs', 'package.json'].map((entry) =>
    join(layoutDir, entry),
  );
  const stale =
    !existsSync(buildId) ||
    statSync(buildId).mtimeMs < Math.max(...sources.map((source) => newestSource(source)));
  if (!stale) return;
  // The package's build: the shell's browser script, then `next build`.
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  for (const step of [['build-browser.mjs'], [nextBin, 'build']]) {
    const built = spawnSync(process.execPath, step, {
      cwd: layoutDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`${step.join(' ')} failed:\n${built.stdout}\n${built.stderr}`);
  }
}
