import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const nextConfig: NextConfig = {
  // nginx compresses the composed page; SSI cannot parse a compressed body.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  // The shell's stylesheet goes into <head> as a <style>: the first paint waits for no request but the page's.
  experimental: { inlineCss: true },
  // Title, description and the rest of <head> are in the first bytes for every visitor, not streamed later.
  htmlLimitedBots: /.*/,
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  // The image build (NEXT_OUTPUT=standalone) keeps only the files the server needs, traced from the build: next's
  // full install with its compilers is several times the size of the rest of the image. The @podium packages read
  // their package.json and JSON schema from disk at run time, which the tracer cannot see; the image starts with
  // the package's own start.mjs (pages without Next's client runtime), not the standalone server.js.
  ...(process.env.NEXT_OUTPUT === 'standalone'
    ? {
        output: 'standalone' as const,
        outputFileTracingIncludes: { '*': ['../node_modules/@podium/**/*', './start.mjs', './server/*.mjs'] },
      }
    : {}),
  // The old listing URL: the home page shows featured and new products, the categories their own.
  redirects: async () => [{ source: '/products', destination: '/', permanent: true }],
};

export default nextConfig;
