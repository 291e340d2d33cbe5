// Inside the image build, after the whole monorepo is built: for every deployable workspace (one with a start
// script), the files it runs from go to <out>/<its folder>, laid out as in the repo: its own and those of the
// workspaces it imports at run time. Sources, tests, build caches and node_modules stay behind (each image installs
// its own production dependencies). A Next.js standalone build brings its traced node_modules along instead.
import { cpSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inDependencyOrder, root, workspaces } from '../workspaces.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: collect-built.mjs <output folder>');

const left = new Set(['node_modules', 'src', 'test', '.angular', 'Dockerfile', 'README.md']);
const copy = (from, to, filter) => cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter });

const all = workspaces();
for (const deployable of [...all.values()].filter((workspace) => workspace.scripts?.start)) {
  const target = join(out, deployable.dir);
  const standalone = join(root, deployable.dir, '.next/standalone');
  if (existsSync(standalone)) {
    copy(standalone, target);
    copy(join(root, deployable.dir, '.next/static'), join(target, deployable.dir, '.next/static'));
    const publicDir = join(root, deployable.dir, 'public');
    if (existsSync(publicDir)) copy(publicDir, join(target, deployable.dir, 'public'));
    continue;
  }
  for (const workspace of inDependencyOrder(all, [deployable.name], ['dependencies'])) {
    const from = join(root, workspace.dir);
    copy(from, join(target, workspace.dir), (path) => {
      const inside = relative(from, path);
      return !left.has(inside.split('/')[0]) && inside !== '.next/cache' && !path.endsWith('.tsbuildinfo');
    });
  }
}
