import { DESIGN_STYLESHEET_PATH, designCss } from '@storefront/design';
import { shellScript } from '../../../lib/shell-script';

const forAYear = 'public, max-age=31536000, immutable';

/**
 * The design system's stylesheet and the shell's script, at their fingerprinted names: a new build makes new
 * names, so browsers and nginx may keep them for a year. Any other name under /_shared/ is not ours (the store
 * bundle has its own route).
 */
export function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return params.then(({ file }) => {
    const path = `/_shared/${file}`;
    if (path === DESIGN_STYLESHEET_PATH)
      return new Response(designCss, {
        headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': forAYear },
      });
    const script = shellScript();
    if (path === script.path)
      return new Response(script.source, {
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': forAYear },
      });
    return new Response('', { status: 404 });
  });
}
