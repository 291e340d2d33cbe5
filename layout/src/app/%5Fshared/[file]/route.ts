import { DESIGN_STYLESHEET_PATH, designCss } from '@storefront/design';

/**
 * The design system's stylesheet, at its fingerprinted name: a new build makes a new name, so browsers and nginx
 * may keep it for a year. Any other name under /_shared/ is not ours (the store bundle has its own route).
 */
export function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  return params.then(({ file }) =>
    `/_shared/${file}` === DESIGN_STYLESHEET_PATH
      ? new Response(designCss, {
          headers: {
            'content-type': 'text/css; charset=utf-8',
            'cache-control': 'public, max-age=31536000, immutable',
          },
        })
      : new Response('', { status: 404 }),
  );
}
