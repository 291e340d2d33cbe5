import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A podlet's browser assets: file names inside `dir`, served at `/assets/<file>`. */
export interface PodletAssets {
  dir: string;
  js: string[];
  css: string[];
}

interface ViteManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}

const ASSETS_DIR = 'assets';

function insideAssetsDir(file: string): string {
  const prefix = `${ASSETS_DIR}/`;
  if (!file.startsWith(prefix)) {
    throw new Error(`Vite emitted ${file} outside ${prefix}; set build.assetsDir to "${ASSETS_DIR}"`);
  }
  return file.slice(prefix.length);
}

/**
 * Reads the assets of one entry from a Vite client build (`build.manifest: true`, default `assetsDir`). CSS of
 * the chunks the entry imports is included: the layout puts every stylesheet in <head>, while the browser fetches
 * imported JS chunks itself.
 */
export function viteAssets(clientDir: string, entry: string): PodletAssets {
  const manifestPath = join(clientDir, '.vite', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ViteManifestChunk>;
  const root = manifest[entry];
  if (!root?.isEntry) throw new Error(`${manifestPath} has no entry ${entry}`);

  const css = new Set<string>();
  const seen = new Set<string>();
  const collectCss = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    chunk?.css?.forEach((file) => css.add(file));
    chunk?.imports?.forEach(collectCss);
  };
  collectCss(entry);

  return {
    dir: join(clientDir, ASSETS_DIR),
    js: [insideAssetsDir(root.file)],
    css: [...css].map(insideAssetsDir),
  };
}

// The Angular CLI names its initial browser files <bundle>-<HASH>.<ext> (outputHashing: all).
const ANGULAR_ENTRY = /^main-[A-Z0-9]{8}\.js$/;
const ANGULAR_POLYFILLS = /^polyfills-[A-Z0-9]{8}\.js$/;
const ANGULAR_GLOBAL_STYLES = /^styles-[A-Z0-9]{8}\.css$/;

/**
 * The assets of an Angular browser build (`dist/angular/browser`): its entry script (lazy chunks are imported by
 * the entry itself, relative to its URL) and the global stylesheet, served at `/assets/<file>`.
 */
export function angularAssets(browserDir: string): PodletAssets {
  const files = readdirSync(browserDir);
  const entries = files.filter((file) => ANGULAR_ENTRY.test(file));
  if (entries.length !== 1) {
    throw new Error(
      `${browserDir} must hold exactly one main-<hash>.js (found ${entries.length}); run ng build`,
    );
  }
  return {
    dir: browserDir,
    // Polyfills (none while the app is zoneless) must run before the entry, as the CLI's index.html orders them.
    js: [...files.filter((file) => ANGULAR_POLYFILLS.test(file)), ...entries],
    css: files.filter((file) => ANGULAR_GLOBAL_STYLES.test(file)),
  };
}
