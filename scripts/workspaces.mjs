// The npm workspaces of the repo, read from the package.json files: shared by the build and the image assembly.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
const manifest = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));

/** Every workspace by package name: `{ dir, ...its package.json }`. */
export function workspaces() {
  const folders = manifest('.').workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter(
            (entry) =>
              entry.isDirectory() && existsSync(join(root, pattern.slice(0, -2), entry.name, 'package.json')),
          )
          .map((entry) => `${pattern.slice(0, -2)}/${entry.name}`)
      : [pattern],
  );
  return new Map(folders.map((dir) => [manifest(dir).name, { dir, ...manifest(dir) }]));
}

/**
 * The workspaces `names` import (transitively, through the given dependency fields), each after the workspaces it
 * depends on, the named ones included.
 */
export function inDependencyOrder(all, names, fields = ['dependencies', 'devDependencies']) {
  const ordered = [];
  const state = new Map();
  function visit(name, trail) {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`dependency cycle: ${[...trail, name].join(' -> ')}`);
    state.set(name, 'visiting');
    const workspace = all.get(name);
    for (const field of fields)
      for (const dep of Object.keys(workspace[field] ?? {})) if (all.has(dep)) visit(dep, [...trail, name]);
    state.set(name, 'done');
    ordered.push(workspace);
  }
  for (const name of names) visit(name, []);
  return ordered;
}
