// Next.js answers a file missing under /_next/static/ with its not-found page and status 200 (`next start` does
// too): a browser would take that page for the script or stylesheet it asked, and nginx would keep it as one. The
// files there are the build's own, so whether one exists is a look at the folder.
import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

const PREFIX = '/_next/static/';

/** Whether `url` asks for a file under /_next/static/ that `staticDir` (the build's .next/static) does not hold. */
export function isMissingStaticFile(url, staticDir) {
  // Every request of the layout passes here: most are pages, told apart by their first characters alone.
  if (!url.startsWith(PREFIX)) return false;
  const path = url.split(/[?#]/, 1)[0];
  let file;
  try {
    file = resolve(staticDir, decodeURIComponent(path.slice(PREFIX.length)));
  } catch {
    // A broken %-escape names no file.
    return true;
  }
  if (!file.startsWith(staticDir + sep)) return true;
  return !statSync(file, { throwIfNoEntry: false })?.isFile();
}
