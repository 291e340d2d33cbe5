import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PodletAssets } from '@storefront/podlet-kit';

// The Angular CLI names its initial browser files <bundle>-<HASH>.<ext> (outputHashing: all).
const ENTRY_SCRIPT = /^main-[A-Z0-9]{8}\.js$/;
const POLYFILLS_SCRIPT = /^polyfills-[A-Z0-9]{8}\.js$/;
const GLOBAL_STYLES = /^styles-[A-Z0-9]{8}\.css$/;

/**
 * The assets of the Angular browser build (`dist/angular/browser`): its entry script (lazy chunks are imported by
 * the entry itself, relative to its URL) and the global stylesheet, served at `/assets/<file>`.
 */
export function angularAssets(browserDir: string): PodletAssets {
  const files = readdirSync(browserDir);
  const entries = files.filter((file) => ENTRY_SCRIPT.test(file));
  if (entries.length !== 1) {
    throw new Error(
      `${browserDir} must hold exactly one main-<hash>.js (found ${entries.length}); run ng build`,
    );
  }
  return {
    dir: browserDir,
    // Polyfills (none while the app is zoneless) must run before the entry, as the CLI's index.html orders them.
    js: [...files.filter((file) => POLYFILLS_SCRIPT.test(file)), ...entries],
    css: files.filter((file) => GLOBAL_STYLES.test(file)),
  };
}

export const browserDirOf = (angularDistDir: string) => join(angularDistDir, 'browser');
