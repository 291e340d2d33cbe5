// `npm start` and the stack runner (which runs this package's start script without npm, so without
// node_modules/.bin on PATH): `next start` on $PORT/$HOST (defaults from docs/conventions.md), in this process.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

process.chdir(dirname(fileURLToPath(import.meta.url)));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
process.env.NODE_ENV ??= 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
process.argv = [
  process.argv[0] ?? 'node',
  nextBin,
  'start',
  '--port',
  process.env.PORT || '3000',
  '--hostname',
  process.env.HOST || '127.0.0.1',
];
await import(nextBin);
