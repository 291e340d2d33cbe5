// Builds every workspace after the workspaces it depends on: npm's own `--workspaces` order is the order of the
// folders, which builds a package before the packages it imports.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const manifest = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));

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
const workspaces = new Map(folders.map((dir) => [manifest(dir).name, { dir, ...manifest(dir) }]));

const ordered = [];
const state = new Map();
function visit(name, trail) {
  if (state.get(name) === 'done') return;
  if (state.get(name) === 'visiting') throw new Error(`dependency cycle: ${[...trail, name].join(' -> ')}`);
  state.set(name, 'visiting');
  const workspace = workspaces.get(name);
  const deps = { ...workspace.dependencies, ...workspace.devDependencies };
  for (const dep of Object.keys(deps)) if (workspaces.has(dep)) visit(dep, [...trail, name]);
  state.set(name, 'done');
  ordered.push(workspace);
}
for (const name of workspaces.keys()) visit(name, []);

for (const workspace of ordered) {
  if (!workspace.scripts?.build) continue;
  console.log(`\n> build ${workspace.name}`);
  execFileSync('npm', ['run', 'build', '--silent', '-w', workspace.name], { cwd: root, stdio: 'inherit' });
}
