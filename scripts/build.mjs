// Builds every workspace after the workspaces it depends on: npm's own `--workspaces` order is the order of the
// folders, which builds a package before the packages it imports.
import { execFileSync } from 'node:child_process';
import { inDependencyOrder, root, workspaces } from './workspaces.mjs';

const all = workspaces();
for (const workspace of inDependencyOrder(all, all.keys())) {
  if (!workspace.scripts?.build) continue;
  console.log(`\n> build ${workspace.name}`);
  execFileSync('npm', ['run', 'build', '--silent', '-w', workspace.name], { cwd: root, stdio: 'inherit' });
}
