import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ShellScript {
  /** Its fingerprinted URL: a new build makes a new name, so browsers and nginx may keep it for a year. */
  path: string;
  source: string;
}

let built: ShellScript | undefined;

/**
 * The shell's browser script (src/browser/shell.ts, bundled into dist-browser/ by build-browser.mjs): read once in
 * production, on every page in development so a watch build shows at the next reload.
 */
export function shellScript(): ShellScript {
  if (built) return built;
  const source = readFileSync(
    /* turbopackIgnore: true */ join(process.cwd(), 'dist-browser/shell.js'),
    'utf8',
  );
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const script = { path: `/_shared/shell.${hash}.js`, source };
  if (process.env.NODE_ENV === 'production') built = script;
  return script;
}
