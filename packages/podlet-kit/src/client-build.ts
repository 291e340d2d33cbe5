// The last step of a fragment's client build: its hydration loader, a brotli and a gzip copy of every text asset
// (served by the podlet by Accept-Encoding: Debian's nginx has no brotli module), and its size against its budget.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { HYDRATIONS, hydrationLoaderSource } from './hydration-loader.js';

/** What the podlet reads at start (podlet-app.ts) and the size check reads in `npm test`. */
export const CLIENT_BUILD_FILE = 'podlet-client.json';

/**
 * The most a fragment's hydration loader may weigh, brotli: it is all a visitor downloads of a fragment they never
 * touch, and it keeps what is typed, clicked and posted before the fragment's code has run.
 */
export const LOADER_LIMIT_BYTES = 1_152;

/** Text files worth compressing; images other than SVG and fonts are compressed already. */
export const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt', '.html']);

/** A fragment's declaration, `client.config.json` beside its package.json. */
export const clientConfigSchema = z.object({
  hydrate: z.enum(HYDRATIONS),
  signedIn: z.enum(HYDRATIONS).optional(),
  /** Brotli bytes of all the fragment's JS and of its CSS; the build prints them, `npm test` fails past them. */
  budget: z.object({ jsBytes: z.number().int().positive(), cssBytes: z.number().int().nonnegative() }),
  /** Where the browser build is, relative to the fragment's folder: a Vite client build and its entry, or Angular's. */
  build: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('vite'), dir: z.string(), entry: z.string() }),
    z.object({ kind: z.literal('angular'), dir: z.string() }),
  ]),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

export interface ClientBuildResult {
  name: string;
  hydrate: ClientConfig['hydrate'];
  signedIn?: ClientConfig['signedIn'];
  /** File names inside the assets folder. */
  loader: string;
  entries: string[];
  css: string[];
  /** Brotli bytes: every JS file (entry and lazy chunks), every CSS file, the loader alone. */
  sizes: { jsBytes: number; cssBytes: number; loaderBytes: number };
  budget: ClientConfig['budget'];
}

const brotli = (data: Buffer) =>
  brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });

/** Files of a build, without the compressed copies of an earlier run of this step. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => join(dir, file))
    .filter((file) => !/\.(br|gz)$/.test(file) && statSync(file).isFile());
}

/** Writes `<file>.br` and `<file>.gz` beside every text asset, when smaller than the file. */
export function precompress(dir: string): void {
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    const data = readFileSync(file);
    const br = brotli(data);
    const gz = gzipSync(data, { level: 9 });
    if (br.length < data.length) writeFileSync(`${file}.br`, br);
    if (gz.length < data.length) writeFileSync(`${file}.gz`, gz);
  }
}

/**
 * What the browser transfers of a built fragment, as the files on disk say (the brotli copy, or the file when it
 * has none): all its JS but the loader (entries and lazy chunks), all its CSS, and the loader.
 */
export function measureClientBuild(assetsDir: string, loader: string): ClientBuildResult['sizes'] {
  const sizes = { jsBytes: 0, cssBytes: 0, loaderBytes: 0 };
  for (const file of filesUnder(assetsDir)) {
    const kind = /\.m?js$/.test(file) ? 'js' : file.endsWith('.css') ? 'css' : undefined;
    if (!kind) continue;
    const bytes = statSync(existsSync(`${file}.br`) ? `${file}.br` : file).size;
    if (relative(assetsDir, file) === loader) sizes.loaderBytes = bytes;
    else if (kind === 'js') sizes.jsBytes += bytes;
    else sizes.cssBytes += bytes;
  }
  return sizes;
}

/** The loader, fingerprinted by its content like every other asset. */
function writeLoader(assetsDir: string, name: string, config: ClientConfig, entries: string[]): string {
  const source = hydrationLoaderSource({
    name,
    hydrate: config.hydrate,
    ...(config.signedIn ? { signedIn: config.signedIn } : {}),
    // Relative to the loader, which sits beside the entries: the page's URL does not matter.
    modules: entries.map((file) => `./${file}`),
  });
  const hash = createHash('sha256').update(source).digest('base64url').slice(0, 10);
  const file = `hydrate-${hash}.js`;
  writeFileSync(join(assetsDir, file), source);
  return file;
}

export function finishClientBuild(options: {
  name: string;
  assetsDir: string;
  /** The modules the page runs, in order, as file names inside assetsDir. */
  entries: string[];
  css: string[];
  config: ClientConfig;
}): ClientBuildResult {
  const { name, assetsDir, entries, css, config } = options;
  const loader = writeLoader(assetsDir, name, config, entries);
  precompress(assetsDir);
  const result: ClientBuildResult = {
    name,
    hydrate: config.hydrate,
    ...(config.signedIn ? { signedIn: config.signedIn } : {}),
    loader,
    entries,
    css,
    sizes: measureClientBuild(assetsDir, loader),
    budget: config.budget,
  };
  writeFileSync(join(assetsDir, CLIENT_BUILD_FILE), JSON.stringify(result, null, 2));
  return result;
}

/** The parts of a build that are past their budget, as sentences; empty when within. */
export function overBudget(result: ClientBuildResult): string[] {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const over: string[] = [];
  if (result.sizes.jsBytes > result.budget.jsBytes)
    over.push(`${result.name}: JS ${kib(result.sizes.jsBytes)} > budget ${kib(result.budget.jsBytes)}`);
  if (result.sizes.cssBytes > result.budget.cssBytes)
    over.push(`${result.name}: CSS ${kib(result.sizes.cssBytes)} > budget ${kib(result.budget.cssBytes)}`);
  return over;
}

export function budgetLine(result: ClientBuildResult): string {
  const kib = (bytes: number) => (bytes / 1024).toFixed(1);
  return (
    `[${result.name}] hydrate ${result.hydrate}${result.signedIn ? ` (signed in: ${result.signedIn})` : ''}; ` +
    `brotli JS ${kib(result.sizes.jsBytes)} / ${kib(result.budget.jsBytes)} KiB, ` +
    `CSS ${kib(result.sizes.cssBytes)} / ${kib(result.budget.cssBytes)} KiB, loader ${result.sizes.loaderBytes} B`
  );
}

export function readClientConfig(file: string): ClientConfig {
  const parsed = clientConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The folder of a fragment's built assets, from its client.config.json (as viteAssets and angularAssets read it). */
export function clientAssetsDir(fragmentDir: string, config: ClientConfig): string {
  return config.build.kind === 'vite'
    ? join(fragmentDir, config.build.dir, 'assets')
    : join(fragmentDir, config.build.dir);
}
