// Serves the brotli or gzip copy the client build wrote beside an asset (client-build.ts), by the request's
// Accept-Encoding: compressed once at build time at the best ratio, never per request. nginx passes these answers
// through as they are (it does not compress what already has a Content-Encoding).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RequestHandler } from 'express';
import { CLIENT_BUILD_FILE, COMPRESSIBLE, type ClientBuildResult } from './client-build.js';

/** The client build's record (loader, entries, sizes), when the fragment's build wrote one. */
export function readClientBuild(assetsDir: string): ClientBuildResult | undefined {
  const file = join(assetsDir, CLIENT_BUILD_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClientBuildResult) : undefined;
}

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings the client accepts with a non-zero weight (`br;q=0` refuses brotli). */
function accepted(header: string | undefined): Set<string> {
  const names = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) names.add(name);
  }
  return names;
}

export function precompressedAssets(dir: string): RequestHandler {
  // Read once: the files of a build never change while it runs.
  const present = new Set(
    existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => `/${file}`) : [],
  );
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !COMPRESSIBLE.has(extname(req.path)))
      return next();
    // Every answer of a compressible asset depends on Accept-Encoding, the plain one too (for shared caches).
    res.vary('Accept-Encoding');
    if (!present.has(req.path)) return next();
    const acceptedEncodings = accepted(req.headers['accept-encoding']);
    const encoding = ENCODINGS.find(
      (candidate) => acceptedEncodings.has(candidate.name) && present.has(req.path + candidate.suffix),
    );
    if (!encoding) return next();
    res.type(extname(req.path));
    res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(req.path.slice(1) + encoding.suffix, {
      root: dir,
      dotfiles: 'deny',
      // File names carry a content hash, so a browser may keep each one forever.
      immutable: true,
      maxAge: '1y',
    });
  };
}
