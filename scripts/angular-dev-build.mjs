// The Angular podlet's watching development build for `npm run dev`, run in the podlet's folder (or the dev test's
// copy of it): `ng build --watch --configuration development`, passing on its errors, warnings and build times but
// not the bundle tables it prints after every build.
// The builder's first rebuild is its slowest (1.0 s against 0.4 s for the ones after it, measured on one template),
// so right after the first build it rebuilds once on its own — a touch of the server entry, whose content stays as
// it is — and writes ANGULAR_WARM_MARKER when that is done: the developer's first save then costs what the next do.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Written (empty) once the watching build is warm; the dev test waits for it. */
export const ANGULAR_WARM_MARKER = 'dist/angular-dev/warm';
const ENTRY = 'src/main.server.ts';
const BUILT = /^Application bundle generation (complete|failed)/;
const TABLE =
  /^(Browser|Server) bundles|^Initial chunk files|^\s*\||\|\s|^Prerendered \d+|^Output location:|^\s*$/;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ng = createRequire(join(process.cwd(), 'package.json')).resolve('@angular/cli/bin/ng.js');
  rmSync(ANGULAR_WARM_MARKER, { force: true });
  const build = spawn(process.execPath, [ng, 'build', '--watch', '--configuration', 'development'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let builds = 0;
  let warming;
  for (const stream of [build.stdout, build.stderr])
    createInterface({ input: stream }).on('line', (line) => {
      if (!TABLE.test(line)) console.log(line);
      if (!BUILT.test(line)) return;
      builds += 1;
      if (builds === 1) {
        // The watcher starts a while after the first build reports, and a change before that is not seen: touch
        // until one is, waiting longer each time so that touches during the rebuild stay few.
        const touch = (wait) => {
          warming = setTimeout(() => {
            const now = new Date();
            utimesSync(ENTRY, now, now);
            touch(wait * 2);
          }, wait);
        };
        touch(1000);
      } else if (builds === 2) {
        clearTimeout(warming);
        mkdirSync(dirname(ANGULAR_WARM_MARKER), { recursive: true });
        writeFileSync(ANGULAR_WARM_MARKER, '');
      }
    });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => build.kill(signal));
  build.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
