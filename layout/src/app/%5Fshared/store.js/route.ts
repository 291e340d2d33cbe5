import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const dynamic = 'force-dynamic';

/**
 * `/_shared/store.js` when the layout runs without nginx (COMPOSITION=podium, `next dev`); behind nginx the gateway
 * serves the file itself. STORE_BUNDLE_PATH, or the store package's browser build next to this folder.
 */
export async function GET() {
  const file =
    process.env.STORE_BUNDLE_PATH ?? join(process.cwd(), '..', 'packages/store/dist-browser/store.js');
  try {
    // The file is found at run time, not traced into the build output.
    return new Response(await readFile(/* turbopackIgnore: true */ file), {
      headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' },
    });
  } catch {
    return new Response('', { status: 404 });
  }
}
