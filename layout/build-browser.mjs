// The shell's browser script (src/browser/shell.ts), bundled for the layout to serve (src/lib/shell-script.ts):
// `npm run build` before `next build`; `npm run dev` with --watch. The shared store stays outside: the page's import
// map points every fragment and the shell at the one instance.
import * as esbuild from 'esbuild';

const shellBuild = {
  entryPoints: ['src/browser/shell.ts'],
  outfile: 'dist-browser/shell.js',
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  external: ['@storefront/store/browser'],
  logLevel: 'warning',
};

if (process.argv.includes('--watch')) await (await esbuild.context(shellBuild)).watch();
else await esbuild.build(shellBuild);
